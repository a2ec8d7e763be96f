// SPDX-License-Identifier: GPL-2.0
/*
 * super.c - VexFS module init, mount (read-only), superblock operations.
 *
 * Mounting requires read-only: "mount -t vexfs -o ro DEV DIR". A read-write
 * mount or remount is refused with -EROFS until write support exists.
 */
#include <linux/module.h>
#include <linux/blkdev.h>
#include <linux/buffer_head.h>
#include <linux/statfs.h>
#include <linux/slab.h>
#include "vexfs.h"

static struct kmem_cache *vexfs_inode_cache;

/* The block backend of the parsing core: one 4 KiB block through the buffer cache. */
int vx_dev_read(struct vx_vol *v, u64 blk, void *buf)
{
	struct super_block *sb = v->dev;
	struct buffer_head *bh;

	if (blk >= v->dev_blocks)
		return -EIO;
	bh = sb_bread(sb, blk);
	if (!bh)
		return -EIO;
	memcpy(buf, bh->b_data, VX_BS);
	brelse(bh);
	return 0;
}

static struct inode *vexfs_alloc_inode(struct super_block *sb)
{
	struct vexfs_inode_info *vi = alloc_inode_sb(sb, vexfs_inode_cache, GFP_KERNEL);

	if (!vi)
		return NULL;
	return &vi->vfs_inode;
}

static void vexfs_free_inode(struct inode *inode)
{
	if (S_ISLNK(inode->i_mode) && inode->i_link)
		kfree(inode->i_link);
	kmem_cache_free(vexfs_inode_cache, VEXFS_I(inode));
}

static void vexfs_inode_init_once(void *p)
{
	struct vexfs_inode_info *vi = p;

	inode_init_once(&vi->vfs_inode);
}

static void vexfs_put_super(struct super_block *sb)
{
	struct vexfs_sb_info *sbi = VEXFS_SB(sb);

	if (sbi) {
		vx_unload(&sbi->vol);
		kfree(sbi);
		sb->s_fs_info = NULL;
	}
}

static int vexfs_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	struct super_block *sb = dentry->d_sb;
	struct vx_vol *v = VEXFS_VOL(sb);
	u64 id = get_unaligned_le64(v->uuid) ^ get_unaligned_le64(v->uuid + 8);

	buf->f_type = VEXFS_SUPER_MAGIC;
	buf->f_bsize = VX_BS;
	buf->f_blocks = v->total_blocks;
	buf->f_bfree = v->free_blocks;
	buf->f_bavail = v->free_blocks;
	buf->f_files = v->total_inodes;
	buf->f_ffree = v->free_inodes;
	buf->f_namelen = VEXFS_NAME_MAX;
	buf->f_fsid = u64_to_fsid(id);
	buf->f_flags = ST_RDONLY;
	return 0;
}

static int vexfs_remount(struct super_block *sb, int *flags, char *data)
{
	if (!(*flags & SB_RDONLY)) {
		pr_err("vexfs: read-write remount refused: this driver is read-only\n");
		return -EROFS;
	}
	return 0;
}

static const struct super_operations vexfs_sops = {
	.alloc_inode	= vexfs_alloc_inode,
	.free_inode	= vexfs_free_inode,
	.put_super	= vexfs_put_super,
	.statfs		= vexfs_statfs,
	.remount_fs	= vexfs_remount,
};

static int vexfs_fill_super(struct super_block *sb, void *data, int silent)
{
	struct vexfs_sb_info *sbi;
	struct inode *root;
	u8 *buf;
	int err;

	if (data && *(char *)data) {
		pr_err("vexfs: unknown mount options \"%s\"\n", (char *)data);
		return -EINVAL;
	}
	if (!sb_set_blocksize(sb, VX_BS)) {
		pr_err("vexfs: device does not support 4096-byte blocks\n");
		return -EINVAL;
	}
	sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	buf = kmalloc(VX_BS, GFP_KERNEL);
	if (!sbi || !buf) {
		kfree(sbi);
		kfree(buf);
		return -ENOMEM;
	}
	sb->s_fs_info = sbi;
	sbi->vol.dev = sb;
	sbi->vol.dev_blocks = bdev_nr_bytes(sb->s_bdev) >> VEXFS_BLOCK_SHIFT;

	err = vx_load_super(&sbi->vol, buf);
	if (!err) {
		err = vx_journal_load(&sbi->vol, buf);
		if (err)
			pr_err("vexfs: journal unusable (%d): open the image with the Java tool to repair\n",
			       err);
	}
	if (!err) {
		err = vx_count_free(&sbi->vol, buf);
		if (err)
			pr_err("vexfs: cannot read the allocation bitmaps (%d)\n", err);
	}
	kfree(buf);
	if (err)
		goto fail;
	if (sbi->vol.state & VEXFS_STATE_ERROR)
		pr_warn("vexfs: volume is marked as having errors; run fsck with the Java tool\n");

	sb->s_magic = VEXFS_SUPER_MAGIC;
	sb->s_op = &vexfs_sops;
	sb->s_xattr = vexfs_xattr_handlers;
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_time_gran = 1;
	sb->s_flags |= SB_RDONLY | SB_NOATIME;
	memcpy(&sb->s_uuid, sbi->vol.uuid, sizeof(sb->s_uuid));

	root = vexfs_iget(sb, VEXFS_ROOT_INODE);
	if (IS_ERR(root)) {
		err = PTR_ERR(root);
		pr_err("vexfs: cannot read the root directory (%d)\n", err);
		goto fail;
	}
	if (!S_ISDIR(root->i_mode)) {
		iput(root);
		pr_err("vexfs: root inode is not a directory\n");
		err = -EUCLEAN;
		goto fail;
	}
	sb->s_root = d_make_root(root);
	if (!sb->s_root) {
		err = -ENOMEM;
		goto fail;
	}
	pr_info("vexfs: mounted \"%s\" read-only: %llu blocks, %llu inodes%s\n", sbi->vol.label,
		(unsigned long long)sbi->vol.total_blocks, (unsigned long long)sbi->vol.total_inodes,
		sbi->vol.replayed_tx ? ", journal replayed in memory" : "");
	return 0;
fail:
	vx_unload(&sbi->vol);
	kfree(sbi);
	sb->s_fs_info = NULL;
	return err;
}

static struct dentry *vexfs_mount(struct file_system_type *type, int flags, const char *dev,
				  void *data)
{
	if (!(flags & SB_RDONLY)) {
		pr_err("vexfs: write support is not implemented; mount with -o ro\n");
		return ERR_PTR(-EROFS);
	}
	return mount_bdev(type, flags, dev, data, vexfs_fill_super);
}

static struct file_system_type vexfs_fs_type = {
	.owner		= THIS_MODULE,
	.name		= "vexfs",
	.mount		= vexfs_mount,
	.kill_sb	= kill_block_super,
	.fs_flags	= FS_REQUIRES_DEV,
};
MODULE_ALIAS_FS("vexfs");

static int __init vexfs_init(void)
{
	int err;

	vexfs_inode_cache = kmem_cache_create("vexfs_inode_cache", sizeof(struct vexfs_inode_info), 0,
					      SLAB_RECLAIM_ACCOUNT | SLAB_MEM_SPREAD | SLAB_ACCOUNT,
					      vexfs_inode_init_once);
	if (!vexfs_inode_cache)
		return -ENOMEM;
	err = register_filesystem(&vexfs_fs_type);
	if (err)
		kmem_cache_destroy(vexfs_inode_cache);
	return err;
}

static void __exit vexfs_exit(void)
{
	unregister_filesystem(&vexfs_fs_type);
	rcu_barrier();
	kmem_cache_destroy(vexfs_inode_cache);
}

module_init(vexfs_init);
module_exit(vexfs_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("VexFS read-only driver");
MODULE_SOFTDEP("pre: crc32c");
