// SPDX-License-Identifier: GPL-2.0
/*
 * file.c - regular file reads through the page cache. get_block maps a file
 * block through the extent tree; unmapped blocks are holes and read as zeros.
 *
 * Journal overlay: a block whose newest committed contents are still only a
 * journal image (the engine journals a small transaction's data blocks and
 * checkpoints them home later) is mapped to that image's journal block, alone;
 * a mapped run stops before the next such block. mpage then reads the image
 * with a bio of its own, so the fast path stays for everything else and
 * EOF zeroing and holes work unchanged.
 */
#include <linux/buffer_head.h>
#include <linux/mpage.h>
#include "vexfs.h"

static int vexfs_get_block(struct inode *inode, sector_t iblock, struct buffer_head *bh,
			   int create)
{
	struct vx_vol *v = VEXFS_VOL(inode->i_sb);
	u64 pblk, count, max = bh->b_size >> VEXFS_BLOCK_SHIFT;
	u8 *buf;
	int err;

	if (create)
		return -EROFS;
	buf = kmalloc(VX_BS, GFP_NOFS);
	if (!buf)
		return -ENOMEM;
	err = vx_extent_map(v, &VEXFS_I(inode)->di, iblock, &pblk, &count, buf);
	kfree(buf);
	if (err) {
		pr_err("vexfs: inode %lu block %llu: %s (%d)\n", inode->i_ino,
		       (unsigned long long)iblock, vx_strerror(err), err);
		return err;
	}
	if (!pblk)
		return 0;	/* hole */
	if (max < 1)
		max = 1;
	if (count > max)
		count = max;
	pblk = vx_data_location(v, pblk, &count);
	map_bh(bh, inode->i_sb, pblk);
	bh->b_size = count << VEXFS_BLOCK_SHIFT;
	return 0;
}

static int vexfs_read_folio(struct file *file, struct folio *folio)
{
	return mpage_read_folio(folio, vexfs_get_block);
}

static void vexfs_readahead(struct readahead_control *rac)
{
	mpage_readahead(rac, vexfs_get_block);
}

const struct address_space_operations vexfs_aops = {
	.read_folio	= vexfs_read_folio,
	.readahead	= vexfs_readahead,
};

const struct file_operations vexfs_file_fops = {
	.llseek		= generic_file_llseek,
	.read_iter	= generic_file_read_iter,
	.mmap		= generic_file_readonly_mmap,
	.splice_read	= generic_file_splice_read,
	.unlocked_ioctl	= vexfs_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
};
