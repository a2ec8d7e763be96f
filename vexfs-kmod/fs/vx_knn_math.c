// SPDX-License-Identifier: GPL-2.0
/*
 * vx_knn_math.c - the similarity scores of VEXFS_IOC_KNN. In the kernel this
 * is the only file built with SSE enabled (see Kbuild); it must be called only
 * between kernel_fpu_begin() and kernel_fpu_end(), and it neither sleeps nor
 * allocates. Arguments and results are integers (bit patterns), so callers
 * compiled without SSE never handle a float.
 *
 * Sums are accumulated in double; the score is rounded to binary32 and
 * returned as its bit pattern, never negative and never NaN (NaN -> 0).
 */
#ifdef __KERNEL__
#include <linux/types.h>
#include <asm/unaligned.h>
#else
#include "vx_shim.h"
#endif

u32 vx_knn_score(u8 metric, const u32 *query, const u8 *vec, u32 dim);

union vx_f32 {
	u32 u;
	float f;
};

static float f32(u32 bits)
{
	union vx_f32 x = { .u = bits };

	return x.f;
}

u32 vx_knn_score(u8 metric, const u32 *query, const u8 *vec, u32 dim)
{
	double dot = 0, nq = 0, nv = 0, d;
	union vx_f32 out;
	float s;
	u32 i;

	for (i = 0; i < dim; i++) {
		double a = f32(query[i]), b = f32(get_unaligned_le32(vec + 4 * i));

		if (metric == 1) {
			d = a - b;
			dot += d * d;
		} else {
			dot += a * b;
			nq += a * a;
			nv += b * b;
		}
	}
	if (metric == 1) {
		s = (float)(1.0 / (1.0 + dot));
	} else if (metric == 2) {
		double den = nq * nv, c;

		if (!(den > 0))
			return 0;
		c = dot / __builtin_sqrt(den);
		if (c > 1)
			c = 1;
		if (c < -1)
			c = -1;
		s = (float)((1.0 + c) / 2.0);
	} else {
		s = (float)((1.0 + dot) / 2.0);
	}
	if (!(s > 0))
		return 0;	/* negative, zero or NaN */
	out.f = s;
	return out.u;
}
