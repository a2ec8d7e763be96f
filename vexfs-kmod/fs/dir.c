// SPDX-License-Identifier: GPL-2.0
/*
 * dir.c - lookup (B+tree hash descent) and readdir (leaf chain) for VexFS.
 *
 * readdir position: 0 and 1 are "." and "..". Beyond that, pos - 2 packs
 * (hops << 44) | (leaf logical block << 12) | entry index, where hops counts
 * leaves followed so far; a chain longer than the directory's block count is
 * a loop and fails with -EUCLEAN, even across getdents calls.
 */
#include "vexfs.h"

#define POS_END		((loff_t)1 << 62)
#define HOPS_SHIFT	44
#define LBLK_SHIFT	12
#define IDX_MASK	0xfffULL
#define LBLK_MASK	0xffffffffULL

static unsigned char vexfs_dtype(u8 ft)
{
	switch (ft) {
	case VEXFS_FT_DIR: return DT_DIR;
	case VEXFS_FT_SYMLINK: return DT_LNK;
	default: return DT_REG;
	}
}

static int vexfs_readdir(struct file *file, struct dir_context *ctx)
{
	struct inode *inode = file_inode(file);
	struct vx_vol *v = VEXFS_VOL(inode->i_sb);
	struct vx_dir d;
	u64 pos, hops, lblk, idx;
	u8 *buf;
	int err;

	if (!dir_emit_dots(file, ctx))
		return 0;
	if (ctx->pos >= POS_END)
		return 0;
	buf = kmalloc(VX_BS, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = vx_dir_open(v, &VEXFS_I(inode)->di, &d, buf);
	if (err)
		goto out;
	pos = (u64)ctx->pos - 2;
	hops = pos >> HOPS_SHIFT;
	lblk = (pos >> LBLK_SHIFT) & LBLK_MASK;
	idx = pos & IDX_MASK;
	if (!lblk) {
		err = vx_dir_first_leaf(v, &d, &lblk, buf);
		if (err)
			goto out;
		idx = 0;
	}
	while (lblk) {
		u16 count, i;
		u32 off = 0;
		u64 next;

		if (hops > d.nblocks || lblk > LBLK_MASK) {
			err = -EUCLEAN;
			goto out;
		}
		err = vx_dir_read_node(v, &d, lblk, VEXFS_DIR_LEAF_MAGIC, buf);
		if (!err)
			err = vx_leaf_check(v, &d, buf, &count);
		if (err)
			goto out;
		for (i = 0; i < count; i++) {
			struct vx_dirent de;

			vx_leaf_entry(buf, &off, &de);
			if (i < idx)
				continue;
			ctx->pos = 2 + (loff_t)((hops << HOPS_SHIFT) | (lblk << LBLK_SHIFT) | i);
			if (!dir_emit(ctx, (const char *)de.name, de.name_len, de.ino,
				      vexfs_dtype(de.file_type)))
				goto out;
		}
		next = get_unaligned_le64(buf + offsetof(struct vexfs_dir_leaf, next_leaf));
		hops++;
		idx = 0;
		lblk = next;
		ctx->pos = lblk ? 2 + (loff_t)((hops << HOPS_SHIFT) | (lblk << LBLK_SHIFT)) : POS_END;
		if (lblk > LBLK_MASK || hops >= (1ULL << (62 - HOPS_SHIFT))) {
			err = -EUCLEAN;
			goto out;
		}
	}
	ctx->pos = POS_END;
out:
	kfree(buf);
	if (err)
		pr_err("vexfs: readdir of inode %lu: %s (%d)\n", inode->i_ino, vx_strerror(err), err);
	return err;
}

static struct dentry *vexfs_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	struct vx_vol *v = VEXFS_VOL(dir->i_sb);
	struct inode *inode = NULL;
	struct vx_dir d;
	u64 ino;
	u8 ft;
	u8 *buf;
	int err;

	if (dentry->d_name.len > VEXFS_NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	buf = kmalloc(VX_BS, GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	err = vx_dir_open(v, &VEXFS_I(dir)->di, &d, buf);
	if (!err)
		err = vx_dir_lookup(v, &d, dentry->d_name.name, dentry->d_name.len, &ino, &ft, buf);
	kfree(buf);
	if (err == -ENOENT)
		return d_splice_alias(NULL, dentry);
	if (err) {
		pr_err("vexfs: lookup in inode %lu: %s (%d)\n", dir->i_ino, vx_strerror(err), err);
		return ERR_PTR(err);
	}
	inode = vexfs_iget(dir->i_sb, ino);
	if (IS_ERR(inode))
		return ERR_CAST(inode);
	return d_splice_alias(inode, dentry);
}

const struct inode_operations vexfs_dir_iops = {
	.lookup		= vexfs_lookup,
	.listxattr	= vexfs_listxattr,
};

const struct file_operations vexfs_dir_fops = {
	.llseek		= generic_file_llseek,
	.read		= generic_read_dir,
	.iterate_shared	= vexfs_readdir,
	.unlocked_ioctl	= vexfs_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
};
