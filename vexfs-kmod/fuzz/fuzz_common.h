/* SPDX-License-Identifier: GPL-2.0 */
/* fuzz_common.h - shared by the VexFS libFuzzer harnesses. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int vx_inspect_run(const char *file);
extern int vx_shim_quiet;

#define FZ_BS 4096
#define FZ_MAX_BLOCKS 8192	/* 32 MiB images at most */

/*
 * Records format (seeds are Java images with their all-zero blocks dropped):
 *   u32 total_blocks, then repeated { u32 block, u8 data[4096] }.
 */
static int fz_write_image(const uint8_t *img, size_t blocks)
{
	int fd = memfd_create("vexfs-fuzz", 0);

	if (fd < 0)
		abort();
	if (ftruncate(fd, (off_t)(blocks * FZ_BS)) || pwrite(fd, img, blocks * FZ_BS, 0) < 0)
		abort();
	return fd;
}

static int fz_run_fd(int fd)
{
	char path[64];
	int rc;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	vx_shim_quiet = 1;
	rc = vx_inspect_run(path);
	close(fd);
	return rc;
}

/* Decode records into a zeroed image; returns blocks or 0. */
static size_t fz_decode(const uint8_t *data, size_t size, uint8_t **out)
{
	uint32_t total, blk;
	uint8_t *img;

	if (size < 4)
		return 0;
	memcpy(&total, data, 4);
	total %= FZ_MAX_BLOCKS;
	if (total < 1)
		return 0;
	img = calloc(total, FZ_BS);
	if (!img)
		abort();
	data += 4;
	size -= 4;
	while (size >= 4) {
		size_t n;

		memcpy(&blk, data, 4);
		data += 4;
		size -= 4;
		n = size < FZ_BS ? size : FZ_BS;
		if (blk < total)
			memcpy(img + (size_t)blk * FZ_BS, data, n);
		data += n;
		size -= n;
	}
	*out = img;
	return total;
}
