/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vx_core.h - the VexFS parsing core, shared by the kernel module and the
 * userspace tools (vexfs-inspect, fuzzers).
 *
 * The core never touches the kernel VFS: it reads 4 KiB blocks through
 * vx_dev_read(), which each backend implements (buffer heads in the kernel,
 * pread() or a memory buffer in userspace). Every value read from disk is
 * validated here before use; errors are negative errnos: -EUCLEAN for a
 * structure that makes no sense, -EBADMSG for a checksum mismatch, -EIO for a
 * failed device read.
 */
#ifndef _VX_CORE_H
#define _VX_CORE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/errno.h>
#include <linux/crc32c.h>
#include <linux/crc32.h>
#include <linux/sort.h>
#include <linux/printk.h>
#include <asm/unaligned.h>
#define vx_alloc(n)	kvmalloc(n, GFP_KERNEL)
#define vx_zalloc(n)	kvzalloc(n, GFP_KERNEL)
#define vx_free(p)	kvfree(p)
#else
#include "vx_shim.h"
#endif

#include "../include/vexfs_format.h"

#define VX_BS		VEXFS_BLOCK_SIZE
#define VX_DIR_MAX_DEPTH 8	/* index levels above leaves we accept */
#define VX_IFMT		0170000
#define VX_IFREG	0100000
#define VX_IFDIR	0040000
#define VX_IFLNK	0120000
#define VX_S64_MAX	0x7fffffffffffffffULL

/* Vectors (docs/FORMAT.md "Vectors"; not in the generated header) */
#define VX_SPACE_PREFIX		"vexfs.space."
#define VX_VECTOR_PREFIX	"vexfs.vector."
#define VX_SPACE_DEF_SIZE	8	/* u32 dimension, u8 metric, u8 element_type, u16 reserved */
#define VX_SPACE_NAME_MAX	64
#define VX_VECTOR_DIM_MAX	1000
#define VX_METRIC_L2		1
#define VX_METRIC_COSINE	2
#define VX_METRIC_DOT		3
#define VX_ELEMENT_F32		1
#define VX_KNN_MAX_K		1024

#ifdef __KERNEL__
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <asm/fpu/api.h>
#define vx_fpu_begin()		kernel_fpu_begin()
#define vx_fpu_end()		kernel_fpu_end()
#define vx_resched()		cond_resched()
#define vx_interrupted()	fatal_signal_pending(current)
#else
#define vx_fpu_begin()		do { } while (0)
#define vx_fpu_end()		do { } while (0)
#define vx_resched()		do { } while (0)
#define vx_interrupted()	0
#endif

/* A region of the volume, in blocks: [start, start + len). */
struct vx_extent_range {
	u64 start;
	u64 len;
};

/*
 * Journal replay kept in memory: home block -> journal block holding its newest image. Homes
 * may be metadata or file data blocks (small transactions journal their data); both are read
 * through it (vx_read_meta, vx_data_location).
 */
struct vx_remap {
	u64 home;
	u64 jblk;
	u64 order;
};

struct vx_vol {
	void *dev;		/* backend cookie */
	u64 dev_blocks;		/* blocks the device holds (set by the backend) */
	u64 total_blocks;
	u64 total_inodes;
	u64 sb_free_blocks;
	u64 sb_free_inodes;
	u64 hash_seed;
	u64 compat, incompat, ro_compat;
	u32 state;
	u64 sb_block;		/* block the superblock in use came from */
	u8 uuid[16];
	char label[VEXFS_LABEL_MAX + 1];
	struct vx_extent_range reg[VEXFS_REGION_SLOTS + 1];	/* indexed by region type */
	struct vx_remap *remap;	/* sorted by home, unique */
	u64 nremap;
	u64 replayed_tx;	/* committed transactions found in the journal */
	u64 free_blocks;	/* exact counts (from the superblock if clean, else the bitmaps) */
	u64 free_inodes;
};

/* A decoded, validated on-disk inode. */
struct vx_inode {
	u64 ino;
	u16 mode;
	u32 uid, gid, nlink;
	u64 size, blocks;
	s64 atime, mtime, ctime, crtime;
	u32 atime_ns, mtime_ns, ctime_ns, crtime_ns;
	u32 generation, flags;
	u64 xattr_block;
	u16 extent_depth, extent_count;
	u16 inline_xattr_len;
	u8 extent_root[96];
	u8 inline_xattr[VEXFS_INLINE_XATTR_MAX];
};

/* An open directory: its validated header. */
struct vx_dir {
	const struct vx_inode *inode;
	u64 nblocks;		/* logical blocks of the directory file */
	u32 depth;
	u64 parent;
	u64 entry_count;
	u64 root;
};

/* One parsed directory entry (name points into a caller's block buffer). */
struct vx_dirent {
	u64 hash;
	u64 ino;
	u8 file_type;
	u16 name_len;
	const u8 *name;
};

/* backend */
int vx_dev_read(struct vx_vol *v, u64 blk, void *buf);

/* checksums and hashes (vx_csum.c) */
u32 vx_crc32c(u32 crc, const void *p, size_t len);
u32 vx_crc32(u32 crc, const void *p, size_t len);	/* CRC-32 (IEEE, zlib crc32), chainable: pass 0 first */	/* standard CRC32C, chainable: pass 0 first */
u32 vx_block_csum(const struct vx_vol *v, u64 blk, const u8 *block);
u32 vx_inode_csum(const struct vx_vol *v, u64 ino, const u8 *raw);
u64 vx_name_hash(const struct vx_vol *v, const u8 *name, size_t len);

/* volume (vx_volume.c) */
int vx_load_super(struct vx_vol *v, u8 *buf);
int vx_count_free(struct vx_vol *v, u8 *buf);
int vx_read_meta(struct vx_vol *v, u64 blk, u8 *buf);
u64 vx_data_location(const struct vx_vol *v, u64 blk, u64 *count);
int vx_read_checked(struct vx_vol *v, u64 blk, u32 magic, u8 *buf);
bool vx_in_data(const struct vx_vol *v, u64 blk, u64 len);
void vx_unload(struct vx_vol *v);
const char *vx_strerror(int err);

/* journal (vx_journal.c) */
int vx_journal_load(struct vx_vol *v, u8 *buf);

/* inodes (vx_inode.c) */
int vx_read_inode(struct vx_vol *v, u64 ino, struct vx_inode *out, u8 *buf);
int vx_decode_inode(struct vx_vol *v, u64 ino, const u8 *raw, struct vx_inode *out);
int vx_read_symlink(struct vx_vol *v, const struct vx_inode *ino, char *out, u8 *buf);

/* extents (vx_extent.c): map a logical block; *pblk = 0 means a hole of *count blocks */
int vx_extent_map(struct vx_vol *v, const struct vx_inode *ino, u64 lblk, u64 *pblk, u64 *count, u8 *buf);

/* directories (vx_dir.c) */
int vx_dir_open(struct vx_vol *v, const struct vx_inode *ino, struct vx_dir *d, u8 *buf);
int vx_dir_read_node(struct vx_vol *v, const struct vx_dir *d, u64 lblk, u32 magic, u8 *buf);
int vx_dir_lookup(struct vx_vol *v, const struct vx_dir *d, const u8 *name, size_t len,
		  u64 *ino, u8 *ftype, u8 *buf);
int vx_dir_first_leaf(struct vx_vol *v, const struct vx_dir *d, u64 *leaf, u8 *buf);
int vx_leaf_check(struct vx_vol *v, const struct vx_dir *d, const u8 *buf, u16 *count);
/* parse entry at *off of a checked leaf; advances *off */
void vx_leaf_entry(const u8 *buf, u32 *off, struct vx_dirent *de);

/* xattrs (vx_xattr.c): the raw entry list of an inode, validated */
int vx_xattr_list(struct vx_vol *v, const struct vx_inode *ino, const u8 **list, u32 *len,
		  u32 *count, u8 *buf);
/* iterate: returns 1 and fills name/value while entries remain */
int vx_xattr_next(const u8 *list, u32 len, u32 *off, const u8 **name, u8 *name_len,
		  const u8 **value, u16 *value_len);

/* vectors (vx_vector.c) */
struct vx_space {
	u32 dim;
	u8 metric;
};

/* a k-NN result: score is a non-negative binary32 bit pattern (integer order = float order) */
struct vx_knn_hit {
	u64 ino;
	u32 score;
};

struct vx_knn {
	struct vx_space sp;
	const u8 *space_name;
	size_t space_len;
	const u32 *query;	/* sp.dim binary32 bit patterns */
	u32 k;
	struct vx_knn_hit *hits;	/* k entries; best first after vx_knn_run */
	u32 count;
	u64 scanned, skipped;
	struct vx_inode *scratch;
};

int vx_xattr_find(const u8 *list, u32 len, const char *prefix, const u8 *name, size_t nlen,
		  const u8 **value, u16 *value_len);
int vx_space_parse(const u8 *val, u16 vlen, struct vx_space *sp);
int vx_space_get(struct vx_vol *v, const u8 *name, size_t nlen, struct vx_space *sp,
		 struct vx_inode *root, u8 *buf);
int vx_vector_check(const struct vx_space *sp, const u8 *val, u32 vlen);
int vx_knn_run(struct vx_vol *v, struct vx_knn *q, u8 *buf, u8 *tbuf, u8 *xbuf);

/* vx_knn_math.c (the only floating-point code; call between vx_fpu_begin/end) */
u32 vx_knn_score(u8 metric, const u32 *query, const u8 *vec, u32 dim);

#endif /* _VX_CORE_H */
