// SPDX-License-Identifier: GPL-2.0
/* vx_shim.c - userspace stand-ins for the kernel helpers the parsing core uses. */
#include "vx_shim.h"

int vx_shim_quiet;

static u32 crc_table[256];
static int crc_ready;

static void crc_init(void)
{
	u32 i, k, c;

	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
		crc_table[i] = c;
	}
	crc_ready = 1;
}

#if defined(__x86_64__)
/* SSE4.2 crc32 instruction: same polynomial (Castagnoli), same reflected convention */
__attribute__((target("sse4.2")))
static u32 crc32c_hw(u32 crc, const u8 *b, size_t len)
{
	u64 c = crc;

	while (len >= 8) {
		u64 w;

		memcpy(&w, b, 8);
		c = __builtin_ia32_crc32di(c, w);
		b += 8;
		len -= 8;
	}
	crc = (u32)c;
	while (len--)
		crc = __builtin_ia32_crc32qi(crc, *b++);
	return crc;
}
#endif

u32 crc32c(u32 crc, const void *p, size_t len)
{
	const u8 *b = p;

#if defined(__x86_64__)
	static int hw = -1;

	if (hw < 0)
		hw = __builtin_cpu_supports("sse4.2");
	if (hw)
		return crc32c_hw(crc, b, len);
#endif
	if (!crc_ready)
		crc_init();
	while (len--)
		crc = crc_table[(crc ^ *b++) & 0xff] ^ (crc >> 8);
	return crc;
}

static u32 crc32_table[256];
static int crc32_ready;

u32 crc32_le(u32 crc, const void *p, size_t len)
{
	const u8 *b = p;

	if (!crc32_ready) {
		u32 i, k, c;

		for (i = 0; i < 256; i++) {
			c = i;
			for (k = 0; k < 8; k++)
				c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
			crc32_table[i] = c;
		}
		crc32_ready = 1;
	}
	while (len--)
		crc = crc32_table[(crc ^ *b++) & 0xff] ^ (crc >> 8);
	return crc;
}
