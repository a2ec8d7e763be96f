// SPDX-License-Identifier: GPL-2.0
/*
 * vx_dir.c - hash-keyed B+tree directories.
 *
 * Lookup hashes the name and descends index nodes (depth <= VX_DIR_MAX_DEPTH)
 * to the one leaf that can hold it; readdir walks the leaf chain. Every node
 * is checked (checksum, magic, owner, level, counts) and every entry of a leaf
 * is bounds-checked before any is used.
 */
#include "vx_core.h"

#define DH_OFF(f)	offsetof(struct vexfs_dir_header, f)
#define DL_OFF(f)	offsetof(struct vexfs_dir_leaf, f)
#define DI_OFF(f)	offsetof(struct vexfs_dir_index, f)

int vx_dir_read_node(struct vx_vol *v, const struct vx_dir *d, u64 lblk, u32 magic, u8 *buf)
{
	u64 pblk, count;
	int err;

	if (lblk >= d->nblocks)
		return -EUCLEAN;
	err = vx_extent_map(v, d->inode, lblk, &pblk, &count, buf);
	if (err)
		return err;
	if (!pblk)
		return -EUCLEAN;	/* directories have no holes in use */
	err = vx_read_checked(v, pblk, magic, buf);
	if (err)
		return err;
	if (magic != VEXFS_DIR_HEADER_MAGIC && get_unaligned_le64(buf + 8) != d->inode->ino)
		return -EUCLEAN;	/* leaf and index nodes carry their owner at 8 */
	return 0;
}

int vx_dir_open(struct vx_vol *v, const struct vx_inode *ino, struct vx_dir *d, u8 *buf)
{
	int err;

	if ((ino->mode & VX_IFMT) != VX_IFDIR)
		return -ENOTDIR;
	d->inode = ino;
	d->nblocks = ino->size / VX_BS;
	err = vx_dir_read_node(v, d, 0, VEXFS_DIR_HEADER_MAGIC, buf);
	if (err)
		return err;
	d->depth = get_unaligned_le32(buf + DH_OFF(depth));
	d->parent = get_unaligned_le64(buf + DH_OFF(parent));
	d->entry_count = get_unaligned_le64(buf + DH_OFF(entry_count));
	d->root = get_unaligned_le64(buf + DH_OFF(root));
	if (get_unaligned_le64(buf + DH_OFF(self)) != ino->ino || d->depth > VX_DIR_MAX_DEPTH ||
	    d->parent < 1 || d->parent > v->total_inodes || d->root < 1 || d->root >= d->nblocks ||
	    get_unaligned_le64(buf + DH_OFF(node_count)) > d->nblocks)
		return -EUCLEAN;
	return 0;
}

/* Validate a leaf already read into buf: header and every entry. */
int vx_leaf_check(struct vx_vol *v, const struct vx_dir *d, const u8 *buf, u16 *countp)
{
	u16 count = get_unaligned_le16(buf + DL_OFF(count));
	u16 used = get_unaligned_le16(buf + DL_OFF(used));
	const u8 *ents = buf + DL_OFF(entries);
	u64 prev_hash = 0;
	u32 off = 0, i;

	if (get_unaligned_le32(buf) != VEXFS_DIR_LEAF_MAGIC || used > VEXFS_DIR_LEAF_ENTRIES_BYTES)
		return -EUCLEAN;
	for (i = 0; i < count; i++) {
		u64 hash, ino;
		u16 nlen;
		u8 ft;

		if (used - off < VEXFS_DIRENT_HEADER)
			return -EUCLEAN;
		hash = get_unaligned_le64(ents + off);
		ino = get_unaligned_le64(ents + off + 8);
		nlen = get_unaligned_le16(ents + off + 16);
		ft = ents[off + 18];
		if (nlen < 1 || nlen > VEXFS_NAME_MAX ||
		    used - off - VEXFS_DIRENT_HEADER < nlen)
			return -EUCLEAN;
		if (ino < 1 || ino > v->total_inodes || ft < VEXFS_FT_REG || ft > VEXFS_FT_SYMLINK)
			return -EUCLEAN;
		if (i > 0 && hash < prev_hash)
			return -EUCLEAN;
		if (memchr(ents + off + VEXFS_DIRENT_HEADER, '/', nlen) ||
		    memchr(ents + off + VEXFS_DIRENT_HEADER, 0, nlen))
			return -EUCLEAN;
		if ((nlen == 1 && ents[off + 20] == '.') ||
		    (nlen == 2 && ents[off + 20] == '.' && ents[off + 21] == '.'))
			return -EUCLEAN;
		prev_hash = hash;
		off += VEXFS_DIRENT_HEADER + nlen;
	}
	if (off != used)
		return -EUCLEAN;
	*countp = count;
	return 0;
}

void vx_leaf_entry(const u8 *buf, u32 *off, struct vx_dirent *de)
{
	const u8 *e = buf + DL_OFF(entries) + *off;

	de->hash = get_unaligned_le64(e);
	de->ino = get_unaligned_le64(e + 8);
	de->name_len = get_unaligned_le16(e + 16);
	de->file_type = e[18];
	de->name = e + VEXFS_DIRENT_HEADER;
	*off += VEXFS_DIRENT_HEADER + de->name_len;
}

/*
 * Descend from the root to the leaf for hash (first_leaf: always the leftmost
 * child). On return buf holds the index node or leaf at *lblk.
 */
static int descend(struct vx_vol *v, const struct vx_dir *d, u64 hash, bool leftmost,
		   u64 *lblk, u8 *buf)
{
	u64 node = d->root;
	u32 level;
	int err;

	for (level = d->depth; level > 0; level--) {
		u16 count, i, pick = 0;
		u64 prev = 0;

		err = vx_dir_read_node(v, d, node, VEXFS_DIR_INDEX_MAGIC, buf);
		if (err)
			return err;
		count = get_unaligned_le16(buf + DI_OFF(count));
		if (get_unaligned_le16(buf + DI_OFF(level)) != level || count < 1 ||
		    count > VEXFS_DIR_INDEX_ENTRIES)
			return -EUCLEAN;
		for (i = 0; i < count && !leftmost; i++) {
			u64 mh = get_unaligned_le64(buf + DI_OFF(entries) + 16 * (size_t)i);

			if (i > 0 && mh < prev)
				return -EUCLEAN;
			prev = mh;
			if (mh <= hash)
				pick = i;
			else
				break;
		}
		node = get_unaligned_le64(buf + DI_OFF(entries) + 16 * (size_t)pick + 8);
		if (node < 1 || node >= d->nblocks || node == d->root)
			return -EUCLEAN;
	}
	err = vx_dir_read_node(v, d, node, VEXFS_DIR_LEAF_MAGIC, buf);
	if (err)
		return err;
	*lblk = node;
	return 0;
}

int vx_dir_first_leaf(struct vx_vol *v, const struct vx_dir *d, u64 *leaf, u8 *buf)
{
	return descend(v, d, 0, true, leaf, buf);
}

int vx_dir_lookup(struct vx_vol *v, const struct vx_dir *d, const u8 *name, size_t len,
		  u64 *ino, u8 *ftype, u8 *buf)
{
	u64 hash, leaf;
	u16 count, i;
	u32 off = 0;
	int err;

	if (len < 1 || len > VEXFS_NAME_MAX)
		return -ENOENT;
	hash = vx_name_hash(v, name, len);
	err = descend(v, d, hash, false, &leaf, buf);
	if (err)
		return err;
	err = vx_leaf_check(v, d, buf, &count);
	if (err)
		return err;
	for (i = 0; i < count; i++) {
		struct vx_dirent de;

		vx_leaf_entry(buf, &off, &de);
		if (de.hash > hash)
			break;
		if (de.hash == hash && de.name_len == len && !memcmp(de.name, name, len)) {
			*ino = de.ino;
			*ftype = de.file_type;
			return 0;
		}
	}
	return -ENOENT;
}
