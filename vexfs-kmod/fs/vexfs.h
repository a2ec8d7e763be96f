/* SPDX-License-Identifier: GPL-2.0 */
/* vexfs.h - kernel-side declarations of the VexFS read-only driver. */
#ifndef _VEXFS_H
#define _VEXFS_H

#include <linux/fs.h>
#include <linux/mutex.h>
#include "vx_core.h"

struct vexfs_sb_info {
	struct vx_vol vol;
};

struct vexfs_inode_info {
	struct vx_inode di;
	struct inode vfs_inode;
};

static inline struct vexfs_sb_info *VEXFS_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

static inline struct vexfs_inode_info *VEXFS_I(struct inode *inode)
{
	return container_of(inode, struct vexfs_inode_info, vfs_inode);
}

static inline struct vx_vol *VEXFS_VOL(struct super_block *sb)
{
	return &VEXFS_SB(sb)->vol;
}

/* inode.c */
struct inode *vexfs_iget(struct super_block *sb, u64 ino);
extern const struct inode_operations vexfs_symlink_iops;

/* dir.c */
extern const struct inode_operations vexfs_dir_iops;
extern const struct file_operations vexfs_dir_fops;

/* file.c */
extern const struct inode_operations vexfs_file_iops;
extern const struct file_operations vexfs_file_fops;
extern const struct address_space_operations vexfs_aops;

/* ioctl.c */
long vexfs_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

/* xattr.c */
extern const struct xattr_handler *vexfs_xattr_handlers[];
ssize_t vexfs_listxattr(struct dentry *dentry, char *buffer, size_t size);

#endif /* _VEXFS_H */
