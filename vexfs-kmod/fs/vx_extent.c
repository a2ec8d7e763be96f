// SPDX-License-Identifier: GPL-2.0
/*
 * vx_extent.c - the extent tree: logical file block -> physical block.
 *
 * The root (up to 4 entries) lives in the inode; deeper levels are extent node
 * blocks. Every entry is validated when a lookup passes over it: sorted,
 * non-overlapping, inside the data region, node owner/depth/count consistent.
 * The descent is bounded by the root depth (<= 4).
 */
#include "vx_core.h"

#define EN_OFF(f)	offsetof(struct vexfs_extent_node, f)
#define ENTRY		24

/* Search a leaf array; see vx_extent_map. limit = first logical not covered by this node. */
static int leaf_find(struct vx_vol *v, const u8 *e, u32 n, u64 lblk, u64 limit,
		     u64 *pblk, u64 *count)
{
	u64 prev_end = 0;
	u32 i;

	for (i = 0; i < n; i++, e += ENTRY) {
		u64 lo = get_unaligned_le64(e);
		u64 phys = get_unaligned_le64(e + 8);
		u32 len = get_unaligned_le32(e + 16);

		if (len == 0 || len > 0x80000000u || lo > U64_MAX - len || lo < prev_end ||
		    get_unaligned_le32(e + 20) != 0 || !vx_in_data(v, phys, len))
			return -EUCLEAN;
		prev_end = lo + len;
		if (lblk < lo) {
			*pblk = 0;
			*count = lo - lblk;
			return 0;
		}
		if (lblk < lo + len) {
			*pblk = phys + (lblk - lo);
			*count = lo + len - lblk;
			return 0;
		}
	}
	*pblk = 0;
	*count = limit > lblk ? limit - lblk : 1;
	return 0;
}

int vx_extent_map(struct vx_vol *v, const struct vx_inode *ino, u64 lblk, u64 *pblk, u64 *count,
		  u8 *buf)
{
	const u8 *e = ino->extent_root;
	u32 n = ino->extent_count;
	u32 depth = ino->extent_depth;
	u64 limit = U64_MAX;
	u32 level;

	if (ino->flags & VEXFS_INODE_FLAG_INLINE_SYMLINK)
		return -EUCLEAN;
	for (level = 0; level <= VEXFS_EXTENT_MAX_DEPTH; level++) {
		u64 child, prev = 0;
		u32 i, pick = U32_MAX;

		if (depth == 0)
			return leaf_find(v, e, n, lblk, limit, pblk, count);
		if (n == 0) {
			*pblk = 0;
			*count = limit > lblk ? limit - lblk : 1;
			return 0;
		}
		for (i = 0; i < n; i++) {
			u64 lo = get_unaligned_le64(e + (size_t)i * ENTRY);

			if (i > 0 && lo <= prev)
				return -EUCLEAN;
			prev = lo;
			if (lo <= lblk)
				pick = i;
		}
		if (pick == U32_MAX) {
			*pblk = 0;
			*count = get_unaligned_le64(e) - lblk;
			return 0;
		}
		if (pick + 1 < n)
			limit = get_unaligned_le64(e + (size_t)(pick + 1) * ENTRY);
		child = get_unaligned_le64(e + (size_t)pick * ENTRY + 8);
		if (!vx_in_data(v, child, 1))
			return -EUCLEAN;
		{
			int err = vx_read_checked(v, child, VEXFS_EXTENT_MAGIC, buf);

			if (err)
				return err;
		}
		if (get_unaligned_le16(buf + EN_OFF(depth)) != depth - 1 ||
		    get_unaligned_le64(buf + EN_OFF(owner)) != ino->ino)
			return -EUCLEAN;
		n = get_unaligned_le16(buf + EN_OFF(count));
		if (n > VEXFS_EXTENT_NODE_ENTRIES)
			return -EUCLEAN;
		e = buf + EN_OFF(entries);
		depth--;
	}
	return -EUCLEAN;
}
