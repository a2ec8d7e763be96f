/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fuzz_common.h - shared by the VexFS libFuzzer harnesses. Images live in
 * memory: the parsing core reads blocks through vexfs-inspect's in-memory
 * backend (no files, no hashing).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int vx_inspect_mem(const uint8_t *img, size_t blocks);
extern int vx_shim_quiet;

#define FZ_BS 4096
#define FZ_MAX_BLOCKS 2048	/* 8 MiB images at most */

/* Parse and walk an image, run k-NN over its spaces; output discarded. */
static void fz_run(const uint8_t *img, size_t blocks)
{
	vx_shim_quiet = 1;
	vx_inspect_mem(img, blocks);
}

/*
 * Records format (seeds are Java images cut into their non-zero byte spans):
 *   u32 total_blocks, then repeated { u32 block, u16 offset, u16 length, u8 data[length] }
 * (little-endian; offset and length are clamped to the block). apply() is
 * called for every span that lands inside the image; returns total_blocks or 0.
 */
static size_t fz_records(const uint8_t *data, size_t size,
			 void (*apply)(void *ctx, uint32_t blk, uint32_t off, const uint8_t *p, size_t n),
			 void *ctx)
{
	uint32_t total;

	if (size < 4)
		return 0;
	memcpy(&total, data, 4);
	total %= FZ_MAX_BLOCKS;
	if (total < 1)
		return 0;
	data += 4;
	size -= 4;
	while (size >= 8) {
		uint32_t blk, off;
		uint16_t o16, l16;
		size_t n;

		memcpy(&blk, data, 4);
		memcpy(&o16, data + 4, 2);
		memcpy(&l16, data + 6, 2);
		data += 8;
		size -= 8;
		off = o16 % FZ_BS;
		n = l16;
		if (n > FZ_BS - off)
			n = FZ_BS - off;
		if (n > size)
			n = size;
		if (blk < total)
			apply(ctx, blk, off, data, n);
		data += n;
		size -= n;
	}
	return total;
}

static void fz_apply_copy(void *ctx, uint32_t blk, uint32_t off, const uint8_t *p, size_t n)
{
	memcpy((uint8_t *)ctx + (size_t)blk * FZ_BS + off, p, n);
}

/* Decode records into a new zeroed image of FZ_MAX_BLOCKS blocks; returns blocks or 0. */
static size_t fz_decode(const uint8_t *data, size_t size, uint8_t **out)
{
	uint8_t *img = calloc(FZ_MAX_BLOCKS, FZ_BS);
	size_t total;

	if (!img)
		abort();
	total = fz_records(data, size, fz_apply_copy, img);
	if (!total) {
		free(img);
		return 0;
	}
	*out = img;
	return total;
}
