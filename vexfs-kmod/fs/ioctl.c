// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl.c - VEXFS_IOC_KNN: exact k-NN over a vector space (see
 * include/uapi/vexfs_ioctl.h). The scan itself is vx_knn_run() in the shared
 * parsing core; floats are touched only inside its short FPU sections.
 */
#include <linux/uaccess.h>
#include <linux/compat.h>
#include "vexfs.h"
#include "../include/uapi/vexfs_ioctl.h"

static_assert(sizeof(struct vexfs_knn_query) == 144);
static_assert(sizeof(struct vexfs_knn_hit) == 16);
static_assert(VEXFS_KNN_MAX_K == VX_KNN_MAX_K && VEXFS_SPACE_NAME_MAX == VX_SPACE_NAME_MAX &&
	      VEXFS_VECTOR_DIM_MAX == VX_VECTOR_DIM_MAX);

static long vexfs_ioc_knn(struct file *file, struct vexfs_knn_query __user *uq)
{
	struct vx_vol *v = VEXFS_VOL(file_inode(file)->i_sb);
	struct vexfs_knn_hit *out = NULL;
	struct vexfs_knn_query q;
	struct vx_knn knn = {};
	u8 *bufs = NULL;
	u32 *query = NULL, i, nonzero = 0;
	size_t slen;
	long err;

	if (copy_from_user(&q, uq, sizeof(q)))
		return -EFAULT;
	if (q.size != sizeof(q) || q.flags || q.k < 1 || q.k > VEXFS_KNN_MAX_K ||
	    q.dimension < 1 || q.dimension > VEXFS_VECTOR_DIM_MAX)
		return -EINVAL;
	slen = strnlen(q.space, sizeof(q.space));
	if (slen < 1 || slen > VEXFS_SPACE_NAME_MAX)
		return -EINVAL;

	err = -ENOMEM;
	bufs = kmalloc(3 * VX_BS, GFP_KERNEL);
	knn.scratch = kmalloc(sizeof(*knn.scratch), GFP_KERNEL);
	knn.hits = kvmalloc_array(q.k, sizeof(*knn.hits), GFP_KERNEL);
	out = kvcalloc(q.k, sizeof(*out), GFP_KERNEL);
	if (!bufs || !knn.scratch || !knn.hits || !out)
		goto out;
	err = vx_space_get(v, (const u8 *)q.space, slen, &knn.sp, knn.scratch, bufs);
	if (err)
		goto out;
	err = -EINVAL;
	if (q.dimension != knn.sp.dim)
		goto out;
	query = memdup_user(u64_to_user_ptr(q.query_ptr), (size_t)q.dimension * 4);
	if (IS_ERR(query)) {
		err = PTR_ERR(query);
		query = NULL;
		goto out;
	}
	for (i = 0; i < q.dimension; i++) {
		if ((query[i] & 0x7f800000u) == 0x7f800000u)
			goto out;	/* Inf or NaN */
		nonzero |= query[i] & 0x7fffffffu;
	}
	if (knn.sp.metric == VX_METRIC_COSINE && !nonzero)
		goto out;
	knn.space_name = (const u8 *)q.space;
	knn.space_len = slen;
	knn.query = query;
	knn.k = q.k;
	err = vx_knn_run(v, &knn, bufs, bufs + VX_BS, bufs + 2 * VX_BS);
	if (err)
		goto out;
	for (i = 0; i < knn.count; i++) {
		out[i].ino = knn.hits[i].ino;
		out[i].score = knn.hits[i].score;
	}
	err = -EFAULT;
	if (knn.count && copy_to_user(u64_to_user_ptr(q.hits_ptr), out, knn.count * sizeof(*out)))
		goto out;
	q.count = knn.count;
	q.metric = knn.sp.metric;
	q.scanned = knn.scanned;
	q.skipped = knn.skipped;
	if (copy_to_user(uq, &q, sizeof(q)))
		goto out;
	err = 0;
out:
	kfree(query);
	kvfree(out);
	kvfree(knn.hits);
	kfree(knn.scratch);
	kfree(bufs);
	return err;
}

long vexfs_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case VEXFS_IOC_KNN:
		return vexfs_ioc_knn(file, (struct vexfs_knn_query __user *)arg);
	default:
		return -ENOTTY;
	}
}
