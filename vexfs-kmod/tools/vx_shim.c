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

u32 crc32c(u32 crc, const void *p, size_t len)
{
	const u8 *b = p;

	if (!crc_ready)
		crc_init();
	while (len--)
		crc = crc_table[(crc ^ *b++) & 0xff] ^ (crc >> 8);
	return crc;
}
