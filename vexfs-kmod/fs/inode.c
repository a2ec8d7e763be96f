// SPDX-License-Identifier: GPL-2.0
/* inode.c - loading VexFS inodes into the VFS. */
#include <linux/buffer_head.h>
#include "vexfs.h"

static int vexfs_getattr(struct user_namespace *mnt_userns, const struct path *path,
			 struct kstat *stat, u32 request_mask, unsigned int flags)
{
	struct inode *inode = d_inode(path->dentry);
	struct vx_inode *di = &VEXFS_I(inode)->di;

	generic_fillattr(&init_user_ns, inode, stat);
	stat->btime.tv_sec = di->crtime;
	stat->btime.tv_nsec = di->crtime_ns;
	stat->result_mask |= STATX_BTIME;
	return 0;
}

const struct inode_operations vexfs_symlink_iops = {
	.get_link	= simple_get_link,
	.getattr	= vexfs_getattr,
	.listxattr	= vexfs_listxattr,
};

const struct inode_operations vexfs_file_iops = {
	.getattr	= vexfs_getattr,
	.listxattr	= vexfs_listxattr,
};

static int vexfs_load_symlink(struct inode *inode, u8 *buf)
{
	struct vx_vol *v = VEXFS_VOL(inode->i_sb);
	char *target = kmalloc(VEXFS_SYMLINK_MAX + 1, GFP_KERNEL);
	int err;

	if (!target)
		return -ENOMEM;
	err = vx_read_symlink(v, &VEXFS_I(inode)->di, target, buf);
	if (err) {
		kfree(target);
		return err;
	}
	inode->i_link = target;
	return 0;
}

struct inode *vexfs_iget(struct super_block *sb, u64 ino)
{
	struct vx_vol *v = VEXFS_VOL(sb);
	struct vx_inode *di;
	struct inode *inode;
	u8 *buf;
	int err;

	if (ino < 1 || ino > v->total_inodes)
		return ERR_PTR(-EUCLEAN);
	inode = iget_locked(sb, ino);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	if (!(inode->i_state & I_NEW))
		return inode;
	di = &VEXFS_I(inode)->di;
	buf = kmalloc(VX_BS, GFP_KERNEL);
	if (!buf) {
		err = -ENOMEM;
		goto bad;
	}
	err = vx_read_inode(v, ino, di, buf);
	if (err) {
		pr_err("vexfs: inode %llu: %s (%d)\n", (unsigned long long)ino, vx_strerror(err), err);
		kfree(buf);
		goto bad;
	}
	inode->i_mode = di->mode;
	i_uid_write(inode, di->uid);
	i_gid_write(inode, di->gid);
	set_nlink(inode, di->nlink);
	inode->i_size = (loff_t)di->size;
	inode->i_blocks = di->blocks << (VEXFS_BLOCK_SHIFT - 9);
	inode->i_atime.tv_sec = di->atime;
	inode->i_atime.tv_nsec = di->atime_ns;
	inode->i_mtime.tv_sec = di->mtime;
	inode->i_mtime.tv_nsec = di->mtime_ns;
	inode->i_ctime.tv_sec = di->ctime;
	inode->i_ctime.tv_nsec = di->ctime_ns;
	inode->i_generation = di->generation;
	switch (di->mode & VX_IFMT) {
	case VX_IFDIR:
		inode->i_op = &vexfs_dir_iops;
		inode->i_fop = &vexfs_dir_fops;
		break;
	case VX_IFREG:
		inode->i_op = &vexfs_file_iops;
		inode->i_fop = &vexfs_file_fops;
		inode->i_mapping->a_ops = &vexfs_aops;
		break;
	default:
		inode->i_op = &vexfs_symlink_iops;
		inode->i_link = NULL;
		err = vexfs_load_symlink(inode, buf);
		if (err) {
			pr_err("vexfs: symlink inode %llu: %s (%d)\n", (unsigned long long)ino,
			       vx_strerror(err), err);
			kfree(buf);
			goto bad;
		}
		break;
	}
	kfree(buf);
	unlock_new_inode(inode);
	return inode;
bad:
	iget_failed(inode);
	return ERR_PTR(err);
}
