// SPDX-License-Identifier: GPL-2.0
/* vx_inode.c - reading and validating on-disk inodes and symlink targets. */
#include "vx_core.h"

#define I_OFF(f)	offsetof(struct vexfs_inode, f)

int vx_read_inode(struct vx_vol *v, u64 ino, struct vx_inode *o, u8 *buf)
{
	const struct vx_extent_range *t = &v->reg[VEXFS_REGION_INODE_TABLE];
	int err;

	if (ino < 1 || ino > v->total_inodes)
		return -EUCLEAN;
	/* the region check at mount guarantees (ino - 1) / 16 < t->len */
	err = vx_read_meta(v, t->start + (ino - 1) / VEXFS_INODES_PER_BLOCK, buf);
	if (err)
		return err;
	return vx_decode_inode(v, ino, buf + ((ino - 1) % VEXFS_INODES_PER_BLOCK) * VEXFS_INODE_SIZE, o);
}

/* Decode and validate the 256 raw bytes of inode ino (a slot of an inode-table block). */
int vx_decode_inode(struct vx_vol *v, u64 ino, const u8 *raw, struct vx_inode *o)
{
	u16 type;

	o->ino = ino;
	o->mode = get_unaligned_le16(raw + I_OFF(mode));
	if (o->mode == 0)
		return -EUCLEAN;	/* a free slot is referenced */
	if (get_unaligned_le32(raw + I_OFF(checksum)) != vx_inode_csum(v, ino, raw))
		return -EBADMSG;
	o->uid = get_unaligned_le32(raw + I_OFF(uid));
	o->gid = get_unaligned_le32(raw + I_OFF(gid));
	o->nlink = get_unaligned_le32(raw + I_OFF(nlink));
	o->size = get_unaligned_le64(raw + I_OFF(size));
	o->blocks = get_unaligned_le64(raw + I_OFF(blocks));
	o->atime = (s64)get_unaligned_le64(raw + I_OFF(atime_sec));
	o->mtime = (s64)get_unaligned_le64(raw + I_OFF(mtime_sec));
	o->ctime = (s64)get_unaligned_le64(raw + I_OFF(ctime_sec));
	o->crtime = (s64)get_unaligned_le64(raw + I_OFF(crtime_sec));
	o->atime_ns = get_unaligned_le32(raw + I_OFF(atime_nsec));
	o->mtime_ns = get_unaligned_le32(raw + I_OFF(mtime_nsec));
	o->ctime_ns = get_unaligned_le32(raw + I_OFF(ctime_nsec));
	o->crtime_ns = get_unaligned_le32(raw + I_OFF(crtime_nsec));
	o->generation = get_unaligned_le32(raw + I_OFF(generation));
	o->flags = get_unaligned_le32(raw + I_OFF(flags));
	o->xattr_block = get_unaligned_le64(raw + I_OFF(xattr_block));
	o->extent_depth = get_unaligned_le16(raw + I_OFF(extent_depth));
	o->extent_count = get_unaligned_le16(raw + I_OFF(extent_count));
	o->inline_xattr_len = get_unaligned_le16(raw + I_OFF(inline_xattr_len));
	memcpy(o->extent_root, raw + I_OFF(extent_root), sizeof(o->extent_root));
	memcpy(o->inline_xattr, raw + I_OFF(inline_xattr), sizeof(o->inline_xattr));

	type = o->mode & VX_IFMT;
	if (type != VX_IFREG && type != VX_IFDIR && type != VX_IFLNK)
		return -EUCLEAN;
	if (o->nlink == 0 || o->size > (u64)VX_S64_MAX)
		return -EUCLEAN;
	if (o->atime_ns >= 1000000000u || o->mtime_ns >= 1000000000u ||
	    o->ctime_ns >= 1000000000u || o->crtime_ns >= 1000000000u)
		return -EUCLEAN;
	if (o->flags & ~(u32)VEXFS_INODE_FLAG_INLINE_SYMLINK)
		return -EUCLEAN;
	if (o->inline_xattr_len > VEXFS_INLINE_XATTR_MAX || (o->inline_xattr_len && o->xattr_block))
		return -EUCLEAN;
	if (o->xattr_block && !vx_in_data(v, o->xattr_block, 1))
		return -EUCLEAN;
	if (o->flags & VEXFS_INODE_FLAG_INLINE_SYMLINK) {
		if (type != VX_IFLNK || o->size > VEXFS_INLINE_SYMLINK_MAX)
			return -EUCLEAN;
	} else {
		if (o->extent_depth > VEXFS_EXTENT_MAX_DEPTH || o->extent_count > VEXFS_ROOT_EXTENTS)
			return -EUCLEAN;
	}
	if (type == VX_IFLNK && (o->size == 0 || o->size > VEXFS_SYMLINK_MAX))
		return -EUCLEAN;
	if (type == VX_IFDIR && (o->size % VX_BS || o->size < 2 * (u64)VX_BS))
		return -EUCLEAN;
	return 0;
}

/* The symlink target, NUL terminated, into out (VEXFS_SYMLINK_MAX + 1 bytes). */
int vx_read_symlink(struct vx_vol *v, const struct vx_inode *ino, char *out, u8 *buf)
{
	u64 pblk, count;
	int err;

	if ((ino->mode & VX_IFMT) != VX_IFLNK)
		return -EINVAL;
	if (ino->flags & VEXFS_INODE_FLAG_INLINE_SYMLINK) {
		memcpy(out, ino->extent_root, ino->size);
	} else {
		err = vx_extent_map(v, ino, 0, &pblk, &count, buf);
		if (err)
			return err;
		if (!pblk)
			return -EUCLEAN;
		err = vx_read_meta(v, pblk, buf);
		if (err)
			return err;
		memcpy(out, buf, ino->size);
	}
	out[ino->size] = 0;
	if (memchr(out, 0, ino->size))
		return -EUCLEAN;
	return 0;
}
