// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_raw.c - raw image fuzzing: input = block span records (see
 * fuzz_common.h). The image buffer is allocated once; each execution zeroes
 * only the blocks the previous one wrote (a fresh multi-MiB calloc per
 * execution costs thousands of page faults).
 */
#include "fuzz_common.h"

static uint8_t *img;
static uint32_t *written;
static size_t nwritten;

static void apply(void *ctx, uint32_t blk, uint32_t off, const uint8_t *p, size_t n)
{
	(void)ctx;
	memcpy(img + (size_t)blk * FZ_BS + off, p, n);
	if (nwritten < FZ_MAX_BLOCKS)
		written[nwritten++] = blk;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i, total;

	if (!img) {
		img = calloc(FZ_MAX_BLOCKS, FZ_BS);
		written = calloc(FZ_MAX_BLOCKS, sizeof(*written));
		if (!img || !written)
			abort();
	}
	for (i = 0; i < nwritten; i++)
		memset(img + (size_t)written[i] * FZ_BS, 0, FZ_BS);
	nwritten = 0;
	total = fz_records(data, size, apply, NULL);
	if (total)
		fz_run(img, total);
	return 0;
}
