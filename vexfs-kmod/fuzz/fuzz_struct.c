// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_struct.c - structure-aware fuzzing. A compact base image (block
 * records, from $VEXFS_FUZZ_BASE or base.rec) is loaded once. Each input is a
 * list of field patches { u16 block-index among the base's non-zero blocks,
 * u16 offset, u8 width 1/2/4/8, u64 value }. After patching, the checksums of
 * the patched blocks that were valid in the base (block checksums, and inode
 * checksums in the inode table) are recomputed, so mutations reach the
 * structure checks behind the checksums. Only patched blocks are resealed and
 * restored afterwards: one execution costs a few block copies, not an image.
 */
#include "fuzz_common.h"
#include "../fs/vx_core.h"

static uint8_t *base, *work;
static size_t base_blocks;
static uint32_t *nz;		/* non-zero blocks of the base */
static size_t nnz;
static uint8_t *sealed;		/* per block: 1 block csum valid, 2 inode table */
static uint64_t itab;
static struct vx_vol csv;	/* for checksum helpers: uuid only */

#define MAX_PATCHES 64

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *p = getenv("VEXFS_FUZZ_BASE");
	FILE *f = fopen(p ? p : "base.rec", "rb");
	static uint8_t rec[64 << 20];
	size_t n, b, slot;
	uint64_t ilen;

	if (!f) {
		fprintf(stderr, "fuzz_struct: set VEXFS_FUZZ_BASE to a block-record base image\n");
		exit(1);
	}
	n = fread(rec, 1, sizeof(rec), f);
	fclose(f);
	base_blocks = fz_decode(rec, n, &base);
	if (!base_blocks)
		exit(1);
	work = malloc(base_blocks * FZ_BS);
	nz = calloc(base_blocks, sizeof(*nz));
	sealed = calloc(base_blocks, 1);
	if (!work || !nz || !sealed)
		exit(1);
	memcpy(work, base, base_blocks * FZ_BS);
	memcpy(csv.uuid, base + 40, 16);
	itab = get_unaligned_le64(base + 200 + 3 * 24 + 8);
	ilen = get_unaligned_le64(base + 200 + 3 * 24 + 16);
	for (b = 0; b < base_blocks; b++) {
		const uint8_t *blk = base + b * FZ_BS;
		int zero = 1;

		for (slot = 0; slot < FZ_BS; slot++)
			if (blk[slot]) {
				zero = 0;
				break;
			}
		if (zero)
			continue;
		nz[nnz++] = (uint32_t)b;
		if (b >= itab && b < itab + ilen)
			sealed[b] = 2;
		else if (get_unaligned_le32(blk + 4092) == vx_block_csum(&csv, b, blk))
			sealed[b] = 1;
	}
	fprintf(stderr, "fuzz_struct: base of %zu blocks, %zu non-zero\n", base_blocks, nnz);
	return 0;
}

static void reseal(size_t b)
{
	uint8_t *blk = work + b * FZ_BS;
	int s;

	if (sealed[b] == 1) {
		uint32_t c = vx_block_csum(&csv, b, blk);

		memcpy(blk + 4092, &c, 4);
	} else if (sealed[b] == 2) {
		for (s = 0; s < 16; s++) {
			uint8_t *ino = blk + s * 256;
			uint64_t n = (b - itab) * 16 + s + 1;
			uint32_t c;

			if (!get_unaligned_le16(ino))
				continue;
			c = vx_inode_csum(&csv, n, ino);
			memcpy(ino + 252, &c, 4);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t touched[MAX_PATCHES];
	size_t nt = 0, i, j;

	while (size >= 13 && nt < MAX_PATCHES) {
		uint32_t b = nz[get_unaligned_le16(data) % nnz];
		uint32_t off = get_unaligned_le16(data + 2) % FZ_BS;
		uint8_t w = (uint8_t)(1u << (data[4] & 3));
		uint64_t val = get_unaligned_le64(data + 5);

		if (off + w > FZ_BS)
			off = FZ_BS - w;
		memcpy(work + (size_t)b * FZ_BS + off, &val, w);
		for (j = 0; j < nt && touched[j] != b; j++)
			;
		if (j == nt)
			touched[nt++] = b;
		data += 13;
		size -= 13;
	}
	for (i = 0; i < nt; i++)
		reseal(touched[i]);
	fz_run(work, base_blocks);
	for (i = 0; i < nt; i++)
		memcpy(work + (size_t)touched[i] * FZ_BS, base + (size_t)touched[i] * FZ_BS, FZ_BS);
	return 0;
}
