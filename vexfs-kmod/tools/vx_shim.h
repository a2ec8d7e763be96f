/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vx_shim.h - the few kernel APIs the VexFS parsing core uses, for userspace
 * builds (vexfs-inspect, fuzzers). Semantics follow the kernel's.
 */
#ifndef _VX_SHIM_H
#define _VX_SHIM_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#ifndef EUCLEAN
#define EUCLEAN 117
#endif

static inline u16 get_unaligned_le16(const void *p)
{
	const u8 *b = p;

	return (u16)(b[0] | (u16)b[1] << 8);
}

static inline u32 get_unaligned_le32(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] | (u32)b[1] << 8 | (u32)b[2] << 16 | (u32)b[3] << 24;
}

static inline u64 get_unaligned_le64(const void *p)
{
	const u8 *b = p;

	return (u64)get_unaligned_le32(b) | (u64)get_unaligned_le32(b + 4) << 32;
}

/* Like the kernel's crc32c(): no initial inversion and no final xor. */
u32 crc32c(u32 seed, const void *p, size_t len);
/* Like the kernel's crc32_le(): IEEE polynomial, reflected, no inversions. */
u32 crc32_le(u32 seed, const void *p, size_t len);

extern int vx_shim_quiet;
#define pr_err(...)	do { if (!vx_shim_quiet) fprintf(stderr, __VA_ARGS__); } while (0)
#define pr_warn(...)	pr_err(__VA_ARGS__)
#define pr_info(...)	pr_err(__VA_ARGS__)

#define vx_alloc(n)	malloc(n)
#define vx_zalloc(n)	calloc(1, n)
#define vx_free(p)	free(p)

#define unlikely(x)	__builtin_expect(!!(x), 0)
#define likely(x)	__builtin_expect(!!(x), 1)
#define U64_MAX		UINT64_MAX
#define hweight8(x)	((unsigned int)__builtin_popcount((unsigned int)(x)))
#define U32_MAX		UINT32_MAX

static inline void sort(void *base, size_t num, size_t size,
			int (*cmp)(const void *, const void *), void *swap)
{
	(void)swap;
	qsort(base, num, size, cmp);
}

#endif /* _VX_SHIM_H */
