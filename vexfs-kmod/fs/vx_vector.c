// SPDX-License-Identifier: GPL-2.0
/*
 * vx_vector.c - vector spaces and vectors (docs/FORMAT.md "Vectors"), and the
 * exact k-NN scan behind VEXFS_IOC_KNN.
 *
 * A space is the root-inode xattr "vexfs.space.<name>" (8 bytes); a file's
 * vector is its xattr "vexfs.vector.<name>" (dimension x LE float32, finite).
 * This file does no floating point: vectors are checked on their bit
 * patterns and scores (non-negative binary32) are compared as integers, which
 * orders them exactly like the floats. The float math is vx_knn_math.c, run
 * only between vx_fpu_begin() and vx_fpu_end().
 */
#include "vx_core.h"

/* Find the xattr named prefix + name in a validated list. */
int vx_xattr_find(const u8 *list, u32 len, const char *prefix, const u8 *name, size_t nlen,
		  const u8 **value, u16 *value_len)
{
	size_t plen = strlen(prefix);
	const u8 *n, *val;
	u32 off = 0;
	u8 nl;
	u16 vl;

	while (vx_xattr_next(list, len, &off, &n, &nl, &val, &vl)) {
		if (nl == plen + nlen && !memcmp(n, prefix, plen) && !memcmp(n + plen, name, nlen)) {
			*value = val;
			*value_len = vl;
			return 0;
		}
	}
	return -ENODATA;
}

int vx_space_parse(const u8 *val, u16 vlen, struct vx_space *sp)
{
	if (vlen != VX_SPACE_DEF_SIZE)
		return -EUCLEAN;
	sp->dim = get_unaligned_le32(val);
	sp->metric = val[4];
	if (sp->dim < 1 || sp->dim > VX_VECTOR_DIM_MAX || sp->metric < VX_METRIC_L2 ||
	    sp->metric > VX_METRIC_DOT || val[5] != VX_ELEMENT_F32 || get_unaligned_le16(val + 6))
		return -EUCLEAN;
	return 0;
}

/* The definition of space name (root inode xattr); -ENOENT if there is none. */
int vx_space_get(struct vx_vol *v, const u8 *name, size_t nlen, struct vx_space *sp,
		 struct vx_inode *root, u8 *buf)
{
	const u8 *list, *val;
	u32 len, count;
	u16 vlen;
	int err;

	if (nlen < 1 || nlen > VX_SPACE_NAME_MAX)
		return -ENOENT;
	err = vx_read_inode(v, VEXFS_ROOT_INODE, root, buf);
	if (!err)
		err = vx_xattr_list(v, root, &list, &len, &count, buf);
	if (err)
		return err;
	err = vx_xattr_find(list, len, VX_SPACE_PREFIX, name, nlen, &val, &vlen);
	if (err)
		return -ENOENT;
	return vx_space_parse(val, vlen, sp);
}

/* A vector value is dimension x 4 bytes of finite binary32 values. */
int vx_vector_check(const struct vx_space *sp, const u8 *val, u32 vlen)
{
	u32 i;

	if (vlen != sp->dim * 4)
		return -EUCLEAN;
	for (i = 0; i < sp->dim; i++)
		if ((get_unaligned_le32(val + 4 * i) & 0x7f800000u) == 0x7f800000u)
			return -EUCLEAN;	/* Inf or NaN */
	return 0;
}

/* heap order: a is worse than b (lower score, or equal score and higher inode) */
static bool worse(const struct vx_knn_hit *a, const struct vx_knn_hit *b)
{
	return a->score < b->score || (a->score == b->score && a->ino > b->ino);
}

static void sift_down(struct vx_knn_hit *h, u32 n, u32 i)
{
	for (;;) {
		u32 l = 2 * i + 1, r = l + 1, m = i;
		struct vx_knn_hit t;

		if (l < n && worse(&h[l], &h[m]))
			m = l;
		if (r < n && worse(&h[r], &h[m]))
			m = r;
		if (m == i)
			return;
		t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

static void heap_offer(struct vx_knn *q, u64 ino, u32 score)
{
	struct vx_knn_hit *h = q->hits, c = { .ino = ino, .score = score };
	u32 i;

	if (q->count < q->k) {
		i = q->count++;
		h[i] = c;
		while (i && worse(&h[i], &h[(i - 1) / 2])) {
			struct vx_knn_hit t = h[i];

			h[i] = h[(i - 1) / 2];
			h[(i - 1) / 2] = t;
			i = (i - 1) / 2;
		}
		return;
	}
	if (!worse(&h[0], &c))
		return;
	h[0] = c;
	sift_down(h, q->count, 0);
}

static int cmp_best_first(const void *a, const void *b)
{
	const struct vx_knn_hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* Score one in-use inode; corrupt inodes and vectors are counted, not fatal. */
static void knn_inode(struct vx_vol *v, struct vx_knn *q, u64 ino, const u8 *raw, u8 *xbuf)
{
	struct vx_inode *in = q->scratch;
	const u8 *list, *val;
	u32 len, count, score;
	u16 vlen;
	int err;

	q->scanned++;
	err = vx_decode_inode(v, ino, raw, in);
	if (err) {
		q->skipped++;
		return;
	}
	if ((in->mode & VX_IFMT) != VX_IFREG || (!in->xattr_block && !in->inline_xattr_len))
		return;
	err = vx_xattr_list(v, in, &list, &len, &count, xbuf);
	if (err) {
		q->skipped++;
		return;
	}
	if (vx_xattr_find(list, len, VX_VECTOR_PREFIX, q->space_name, q->space_len, &val, &vlen))
		return;
	if (vx_vector_check(&q->sp, val, vlen)) {
		q->skipped++;
		return;
	}
	/* short FPU section: no allocation, no sleeping, at most 1000 dimensions */
	vx_fpu_begin();
	score = vx_knn_score(q->sp.metric, q->query, val, q->sp.dim);
	vx_fpu_end();
	heap_offer(q, ino, score);
}

/*
 * Exact k-NN over every inode the inode bitmap marks in use. q->sp, query,
 * k (>= 1), hits (k entries), space_name and scratch are set by the caller.
 * buf, tbuf and xbuf are three block buffers.
 */
int vx_knn_run(struct vx_vol *v, struct vx_knn *q, u8 *buf, u8 *tbuf, u8 *xbuf)
{
	const struct vx_extent_range *bm = &v->reg[VEXFS_REGION_INODE_BITMAP];
	const struct vx_extent_range *it = &v->reg[VEXFS_REGION_INODE_TABLE];
	u64 tblk = U64_MAX, bit = 0, b;
	int err;

	q->count = 0;
	q->scanned = 0;
	q->skipped = 0;
	for (b = 0; b < bm->len && bit < v->total_inodes; b++) {
		u32 i, n = VEXFS_BITS_PER_BITMAP_BLOCK;

		err = vx_read_checked(v, bm->start + b, 0, buf);
		if (err)
			return err;
		if (n > v->total_inodes - bit)
			n = (u32)(v->total_inodes - bit);
		for (i = 0; i < n; i++) {
			u64 ino = bit + i + 1, want;

			if (!(buf[i / 8] & (1u << (i % 8))))
				continue;
			/* checked at mount: the inode table holds total_inodes slots */
			want = it->start + (ino - 1) / VEXFS_INODES_PER_BLOCK;
			if (want != tblk) {
				err = vx_read_meta(v, want, tbuf);
				if (err)
					return err;
				tblk = want;
			}
			knn_inode(v, q, ino, tbuf + ((ino - 1) % VEXFS_INODES_PER_BLOCK) * VEXFS_INODE_SIZE,
				  xbuf);
			if (vx_interrupted())
				return -EINTR;
			vx_resched();
		}
		bit += n;
	}
	sort(q->hits, q->count, sizeof(*q->hits), cmp_best_first, NULL);
	return 0;
}
