// SPDX-License-Identifier: GPL-2.0
/*
 * vx_volume.c - superblock validation, region table, metadata block reads
 * (through the in-memory journal overlay) and free-space accounting.
 */
#include "vx_core.h"

#define SB_OFF(f)	offsetof(struct vexfs_super, f)

const char *vx_strerror(int err)
{
	switch (err) {
	case -EUCLEAN: return "structure needs cleaning (corrupt image)";
	case -EBADMSG: return "checksum mismatch";
	case -EIO: return "I/O error";
	case -ENOMEM: return "out of memory";
	case -ENOENT: return "not found";
	case -EINVAL: return "invalid";
	case -EOPNOTSUPP: return "unsupported feature";
	case -ENODATA: return "no such attribute";
	case -ERANGE: return "buffer too small";
	default: return "error";
	}
}

bool vx_in_data(const struct vx_vol *v, u64 blk, u64 len)
{
	const struct vx_extent_range *d = &v->reg[VEXFS_REGION_DATA];

	return len >= 1 && blk >= d->start && blk - d->start < d->len &&
	       len <= d->len - (blk - d->start);
}

/* Index of the first remap entry whose home is >= home (v->nremap if none). */
static u64 remap_lower_bound(const struct vx_vol *v, u64 home)
{
	u64 lo = 0, hi = v->nremap;

	while (lo < hi) {
		u64 mid = lo + (hi - lo) / 2;

		if (v->remap[mid].home < home)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A metadata block as the volume sees it: the newest journal image if any, else home. */
int vx_read_meta(struct vx_vol *v, u64 blk, u8 *buf)
{
	u64 i;

	if (blk == 0 || blk >= v->total_blocks)
		return -EUCLEAN;
	if (v->nremap) {
		i = remap_lower_bound(v, blk);
		if (i < v->nremap && v->remap[i].home == blk)
			return vx_dev_read(v, v->remap[i].jblk, buf);
	}
	return vx_dev_read(v, blk, buf);
}

/*
 * Where file data blocks [blk, blk + *count) are read as the volume sees them. A writer may
 * journal a small transaction's data blocks (docs/FORMAT.md "Journal") and leave them there, so
 * data, like metadata, is the newest journal image when one exists. Returns the device block
 * holding blk (its image's journal block, or blk) and trims *count to the run readable
 * contiguously from there: 1 for an image, else up to the next block that has an image.
 * *count must be >= 1 on entry; the journal scan keeps every remapped block inside the volume.
 */
u64 vx_data_location(const struct vx_vol *v, u64 blk, u64 *count)
{
	u64 i;

	if (!v->nremap)
		return blk;
	i = remap_lower_bound(v, blk);
	if (i >= v->nremap)
		return blk;
	if (v->remap[i].home == blk) {
		*count = 1;
		return v->remap[i].jblk;
	}
	/* remap[i].home > blk here */
	if (v->remap[i].home - blk < *count)
		*count = v->remap[i].home - blk;
	return blk;
}

/* Read a metadata block and check its block checksum and (if nonzero) its magic. */
int vx_read_checked(struct vx_vol *v, u64 blk, u32 magic, u8 *buf)
{
	int err = vx_read_meta(v, blk, buf);

	if (err)
		return err;
	if (get_unaligned_le32(buf + VEXFS_CSUM_OFFSET) != vx_block_csum(v, blk, buf))
		return -EBADMSG;
	if (magic && get_unaligned_le32(buf) != magic)
		return -EUCLEAN;
	return 0;
}

/* Validate the superblock image in buf, read from block blk. */
static int check_super(struct vx_vol *v, const u8 *buf, u64 blk, bool quiet)
{
	u64 total, itotal, req, known;
	u32 i, j;

#define SB_BAD(fmt, ...) do { if (!quiet) pr_err("vexfs: superblock at block %llu: " fmt, \
			 (unsigned long long)blk, ##__VA_ARGS__); \
			 return -EUCLEAN; } while (0)
	if (get_unaligned_le32(buf + SB_OFF(magic)) != VEXFS_SUPER_MAGIC)
		SB_BAD("bad magic 0x%08x\n", get_unaligned_le32(buf + SB_OFF(magic)));
	memcpy(v->uuid, buf + SB_OFF(uuid), 16);
	if (get_unaligned_le32(buf + VEXFS_CSUM_OFFSET) != vx_block_csum(v, blk, buf)) {
		if (!quiet)
			pr_err("vexfs: superblock at block %llu: checksum mismatch\n",
			       (unsigned long long)blk);
		return -EBADMSG;
	}
	if (get_unaligned_le32(buf + SB_OFF(format_version)) != VEXFS_FORMAT_VERSION)
		SB_BAD("format version %u, this driver reads %u\n",
		       get_unaligned_le32(buf + SB_OFF(format_version)), VEXFS_FORMAT_VERSION);
	if (get_unaligned_le32(buf + SB_OFF(block_size)) != VEXFS_BLOCK_SIZE ||
	    get_unaligned_le32(buf + SB_OFF(inode_size)) != VEXFS_INODE_SIZE)
		SB_BAD("block size %u / inode size %u unsupported\n",
		       get_unaligned_le32(buf + SB_OFF(block_size)),
		       get_unaligned_le32(buf + SB_OFF(inode_size)));
	v->compat = get_unaligned_le64(buf + SB_OFF(feature_compat));
	v->incompat = get_unaligned_le64(buf + SB_OFF(feature_incompat));
	v->ro_compat = get_unaligned_le64(buf + SB_OFF(feature_ro_compat));
	if (v->incompat & ~(u64)VEXFS_FEATURE_INCOMPAT_KNOWN) {
		if (!quiet)
			pr_err("vexfs: unknown incompatible features 0x%llx: refusing to mount\n",
			       (unsigned long long)(v->incompat & ~(u64)VEXFS_FEATURE_INCOMPAT_KNOWN));
		return -EOPNOTSUPP;
	}
	req = VEXFS_FEATURE_INCOMPAT_EXTENTS | VEXFS_FEATURE_INCOMPAT_HASHED_DIRS;
	if ((v->incompat & req) != req)
		SB_BAD("features EXTENTS and HASHED_DIRS are required (incompat 0x%llx)\n",
		       (unsigned long long)v->incompat);
	total = get_unaligned_le64(buf + SB_OFF(total_blocks));
	itotal = get_unaligned_le64(buf + SB_OFF(total_inodes));
	if (total < 64 || total > v->dev_blocks)
		SB_BAD("total_blocks %llu, device holds %llu blocks (truncated image?)\n",
		       (unsigned long long)total, (unsigned long long)v->dev_blocks);
	if (blk != 0 && blk != total - 1)
		SB_BAD("backup superblock not in the last block\n");
	if (itotal < 16 || itotal % VEXFS_INODES_PER_BLOCK || itotal > (total << 4))
		SB_BAD("total_inodes %llu invalid\n", (unsigned long long)itotal);
	v->total_blocks = total;
	v->total_inodes = itotal;
	v->sb_free_blocks = get_unaligned_le64(buf + SB_OFF(free_blocks));
	v->sb_free_inodes = get_unaligned_le64(buf + SB_OFF(free_inodes));
	if (v->sb_free_blocks > total || v->sb_free_inodes > itotal)
		SB_BAD("free counts exceed totals\n");
	if (get_unaligned_le64(buf + SB_OFF(root_inode)) != VEXFS_ROOT_INODE)
		SB_BAD("root inode %llu, expected 1\n",
		       (unsigned long long)get_unaligned_le64(buf + SB_OFF(root_inode)));
	v->state = get_unaligned_le32(buf + SB_OFF(state));
	if (get_unaligned_le32(buf + SB_OFF(region_count)) != VEXFS_REGION_SLOTS)
		SB_BAD("region_count %u\n", get_unaligned_le32(buf + SB_OFF(region_count)));
	v->hash_seed = get_unaligned_le64(buf + SB_OFF(dir_hash_seed));
	memcpy(v->label, buf + SB_OFF(label), VEXFS_LABEL_MAX);
	v->label[VEXFS_LABEL_MAX] = 0;

	memset(v->reg, 0, sizeof(v->reg));
	for (i = 0; i < VEXFS_REGION_SLOTS; i++) {
		const u8 *r = buf + SB_OFF(regions) + i * sizeof(struct vexfs_region);
		u32 type = get_unaligned_le32(r);
		u64 start = get_unaligned_le64(r + 8);
		u64 len = get_unaligned_le64(r + 16);

		if (type == 0 && len == 0)
			continue;
		if (type != i + 1 || get_unaligned_le32(r + 4) != 0)
			SB_BAD("region slot %u has type %u\n", i, type);
		if (len == 0)
			continue;
		if (start < 1 || start >= total - 1 || len > total - 1 - start)
			SB_BAD("region %u [%llu,+%llu) outside the volume\n", type,
			       (unsigned long long)start, (unsigned long long)len);
		v->reg[type].start = start;
		v->reg[type].len = len;
	}
	for (i = VEXFS_REGION_JOURNAL; i <= VEXFS_REGION_DATA; i++)
		if (!v->reg[i].len)
			SB_BAD("required region %u missing\n", i);
	for (i = 1; i <= VEXFS_REGION_SLOTS; i++)
		for (j = i + 1; j <= VEXFS_REGION_SLOTS; j++) {
			const struct vx_extent_range *a = &v->reg[i], *b = &v->reg[j];

			if (a->len && b->len && a->start < b->start + b->len &&
			    b->start < a->start + a->len)
				SB_BAD("regions %u and %u overlap\n", i, j);
		}
	if (v->reg[VEXFS_REGION_BLOCK_BITMAP].len > (total + VEXFS_BITS_PER_BITMAP_BLOCK - 1) /
	    VEXFS_BITS_PER_BITMAP_BLOCK + 1 ||
	    v->reg[VEXFS_REGION_BLOCK_BITMAP].len * VEXFS_BITS_PER_BITMAP_BLOCK < total)
		SB_BAD("block bitmap size wrong\n");
	if (v->reg[VEXFS_REGION_INODE_BITMAP].len * VEXFS_BITS_PER_BITMAP_BLOCK < itotal)
		SB_BAD("inode bitmap too small\n");
	if (v->reg[VEXFS_REGION_INODE_TABLE].len * VEXFS_INODES_PER_BLOCK < itotal)
		SB_BAD("inode table too small\n");
	if (v->reg[VEXFS_REGION_JOURNAL].len < 2)
		SB_BAD("journal too small\n");
	known = VEXFS_FEATURE_RO_COMPAT_KNOWN;
	if (v->ro_compat & ~known && !quiet)
		pr_info("vexfs: unknown ro_compat features 0x%llx (fine read-only)\n",
			(unsigned long long)(v->ro_compat & ~known));
	v->sb_block = blk;
	return 0;
#undef SB_BAD
}

/* Load the primary superblock, or the backup in the device's last block. */
int vx_load_super(struct vx_vol *v, u8 *buf)
{
	int err, err2;

	if (v->dev_blocks < 64) {
		pr_err("vexfs: device of %llu blocks is too small\n",
		       (unsigned long long)v->dev_blocks);
		return -EINVAL;
	}
	err = vx_dev_read(v, 0, buf);
	if (!err)
		err = check_super(v, buf, 0, false);
	if (!err || err == -EOPNOTSUPP)
		return err;
	err2 = vx_dev_read(v, v->dev_blocks - 1, buf);
	if (!err2)
		err2 = check_super(v, buf, v->dev_blocks - 1, true);
	if (err2) {
		pr_err("vexfs: no valid superblock (primary: %d, backup at block %llu: %d)\n",
		       err, (unsigned long long)(v->dev_blocks - 1), err2);
		return err;
	}
	pr_warn("vexfs: primary superblock invalid, using the backup; volume treated as dirty\n");
	v->state &= ~(u32)VEXFS_STATE_CLEAN;
	return 0;
}

/* Count set bits of a bitmap region for the first nbits bits. */
static int count_used(struct vx_vol *v, const struct vx_extent_range *r, u64 nbits,
		      u64 *used, u8 *buf)
{
	u64 b, bit = 0;
	int err;

	*used = 0;
	for (b = 0; b < r->len && bit < nbits; b++) {
		u32 i, n = VEXFS_BITS_PER_BITMAP_BLOCK;

		err = vx_read_checked(v, r->start + b, 0, buf);
		if (err)
			return err;
		if (n > nbits - bit)
			n = (u32)(nbits - bit);
		for (i = 0; i < n / 8; i++)
			*used += (u64)hweight8(buf[i]);
		for (i = n / 8 * 8; i < n; i++)
			*used += (buf[i / 8] >> (i % 8)) & 1;
		bit += n;
	}
	return 0;
}

/* Exact free counts: the superblock's when clean and nothing was replayed, else from bitmaps. */
int vx_count_free(struct vx_vol *v, u8 *buf)
{
	u64 used;
	int err;

	if ((v->state & VEXFS_STATE_CLEAN) && !v->replayed_tx) {
		v->free_blocks = v->sb_free_blocks;
		v->free_inodes = v->sb_free_inodes;
		return 0;
	}
	err = count_used(v, &v->reg[VEXFS_REGION_BLOCK_BITMAP], v->total_blocks, &used, buf);
	if (err)
		return err;
	v->free_blocks = v->total_blocks - used;
	err = count_used(v, &v->reg[VEXFS_REGION_INODE_BITMAP], v->total_inodes, &used, buf);
	if (err)
		return err;
	v->free_inodes = v->total_inodes - used;
	return 0;
}

void vx_unload(struct vx_vol *v)
{
	vx_free(v->remap);
	v->remap = NULL;
	v->nremap = 0;
}
