/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vexfs_ioctl.h - userspace API of the VexFS kernel driver.
 *
 * VEXFS_IOC_KNN runs an exact k-nearest-neighbour search over one vector
 * space of a mounted VexFS volume. It may be issued on any open file or
 * directory of the mount (an O_RDONLY descriptor suffices) and covers every
 * regular file of the volume that holds a vector in that space.
 *
 * Scores follow Lucene's VectorSimilarityFunction (higher is closer):
 *   L2 (metric 1):          1 / (1 + squared euclidean distance)
 *   cosine (metric 2):      (1 + cos) / 2       (0 if either vector is zero)
 *   dot product (metric 3): max((1 + dot) / 2, 0)
 * Hits are returned best first; equal scores are ordered by inode number.
 *
 * Errors: EINVAL (bad size, flags, k, dimension mismatch, non-finite query
 * component, zero query in a cosine space, unterminated space name), ENOENT
 * (no such space), EFAULT, ENOMEM, EINTR (fatal signal), EUCLEAN/EBADMSG/EIO
 * (the space definition or the inode bitmap is corrupt). A corrupt vector or
 * inode does not fail the search: it is skipped and counted in `skipped`.
 */
#ifndef _UAPI_VEXFS_IOCTL_H
#define _UAPI_VEXFS_IOCTL_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define VEXFS_IOC_MAGIC		0xEC
#define VEXFS_KNN_MAX_K		1024	/* largest k accepted */
#define VEXFS_SPACE_NAME_MAX	64	/* bytes of a space name, without the NUL */
#define VEXFS_VECTOR_DIM_MAX	1000	/* largest dimension of the format */

#define VEXFS_METRIC_L2		1
#define VEXFS_METRIC_COSINE	2
#define VEXFS_METRIC_DOT	3

/* One result. */
struct vexfs_knn_hit {
	__u64 ino;		/* inode number (st_ino of the file) */
	__u32 score;		/* IEEE-754 binary32 bit pattern of the score: memcpy to a float */
	__u32 reserved;		/* zero */
};

struct vexfs_knn_query {
	/* in */
	__u32 size;		/* sizeof(struct vexfs_knn_query) */
	__u32 flags;		/* must be 0 */
	__u32 k;		/* 1..VEXFS_KNN_MAX_K */
	__u32 dimension;	/* floats at query_ptr; must equal the space's dimension */
	char space[VEXFS_SPACE_NAME_MAX + 8];	/* NUL-terminated space name, 1..64 bytes */
	__u64 query_ptr;	/* user address of `dimension` binary32 values, CPU byte order */
	__u64 hits_ptr;		/* user address of room for `k` struct vexfs_knn_hit */
	/* out */
	__u32 count;		/* hits written (min(k, vectors in the space)) */
	__u32 metric;		/* VEXFS_METRIC_* of the space */
	__u64 scanned;		/* inodes in use that were examined */
	__u64 skipped;		/* inodes skipped because their inode or vector is corrupt */
	__u64 reserved[2];	/* zero */
};

#define VEXFS_IOC_KNN	_IOWR(VEXFS_IOC_MAGIC, 1, struct vexfs_knn_query)

#endif /* _UAPI_VEXFS_IOCTL_H */
