// SPDX-License-Identifier: GPL-2.0
/*
 * vexfs-knn - exact k-nearest-neighbour search on a mounted VexFS volume
 * through the VEXFS_IOC_KNN ioctl (include/uapi/vexfs_ioctl.h).
 *
 *   vexfs-knn [-k K] MOUNT SPACE X1 [X2 ...]    query components as arguments
 *   vexfs-knn [-k K] MOUNT SPACE -               components read from stdin
 *
 * Prints one line per hit, best first, tab separated:
 *   rank  inode  score(%.9g)  path
 * path is relative to MOUNT with a leading '/', found by walking the mounted
 * tree (nftw, no symlinks followed) and matching st_ino; with several hard
 * links the one with the smallest last component (then the smallest path, in
 * byte order) is printed, as the engine names it; "?" if none was found.
 * A summary "# count=N scanned=S skipped=K metric=M" goes to stderr.
 * Exit: 0 ok, 1 usage, 2 the ioctl failed, 3 corrupt inodes were skipped.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../include/uapi/vexfs_ioctl.h"

static struct vexfs_knn_hit *hits;
static char **paths;
static unsigned int nhits;
static size_t rootlen;
static dev_t rootdev;

/*
 * Which link names a file: the smallest last component, then the smallest
 * path (the engine names a file by its smallest link name at each level).
 */
static int better(const char *a, const char *b)
{
	const char *ba = strrchr(a, '/'), *bb = strrchr(b, '/');
	int c = strcmp(ba ? ba + 1 : a, bb ? bb + 1 : b);

	return c < 0 || (c == 0 && strcmp(a, b) < 0);
}

static int visit(const char *p, const struct stat *st, int type, struct FTW *ftw)
{
	unsigned int i;

	(void)ftw;
	if (type != FTW_F || !S_ISREG(st->st_mode) || st->st_dev != rootdev)
		return 0;
	for (i = 0; i < nhits; i++) {
		const char *rel = p + rootlen;

		if (hits[i].ino != (uint64_t)st->st_ino)
			continue;
		if (!paths[i] || better(rel, paths[i])) {
			free(paths[i]);
			paths[i] = strdup(rel);
			if (!paths[i])
				return -1;
		}
	}
	return 0;
}

static int parse_float(const char *s, float *out)
{
	char *end;

	errno = 0;
	*out = strtof(s, &end);
	return end == s || *end || errno || !isfinite(*out) ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct vexfs_knn_query q;
	unsigned long k = 10;
	float *query = NULL;
	unsigned int dim = 0, i;
	const char *mnt, *space;
	char *root;
	struct stat st;
	int fd, a = 1;

	if (argc > 2 && !strcmp(argv[1], "-k")) {
		char *end;

		k = strtoul(argv[2], &end, 10);
		if (*end || k < 1 || k > VEXFS_KNN_MAX_K) {
			fprintf(stderr, "vexfs-knn: k must be 1..%d\n", VEXFS_KNN_MAX_K);
			return 1;
		}
		a = 3;
	}
	if (argc - a < 3) {
		fprintf(stderr, "usage: vexfs-knn [-k K] MOUNT SPACE X1 [X2 ...] | vexfs-knn [-k K] MOUNT SPACE -\n");
		return 1;
	}
	mnt = argv[a];
	space = argv[a + 1];
	query = calloc(VEXFS_VECTOR_DIM_MAX, sizeof(float));
	if (!query)
		return 1;
	if (argc - a == 3 && !strcmp(argv[a + 2], "-")) {
		char tok[64];

		while (scanf("%63s", tok) == 1) {
			if (dim == VEXFS_VECTOR_DIM_MAX || parse_float(tok, &query[dim])) {
				fprintf(stderr, "vexfs-knn: bad or too many components on stdin\n");
				return 1;
			}
			dim++;
		}
	} else {
		for (i = a + 2; i < (unsigned int)argc; i++) {
			if (dim == VEXFS_VECTOR_DIM_MAX || parse_float(argv[i], &query[dim])) {
				fprintf(stderr, "vexfs-knn: bad component '%s'\n", argv[i]);
				return 1;
			}
			dim++;
		}
	}
	if (!dim || strlen(space) > VEXFS_SPACE_NAME_MAX || !*space) {
		fprintf(stderr, "vexfs-knn: need a space name of 1..%d bytes and a query\n",
			VEXFS_SPACE_NAME_MAX);
		return 1;
	}
	fd = open(mnt, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		perror(mnt);
		return 2;
	}
	hits = calloc(k, sizeof(*hits));
	if (!hits)
		return 2;
	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.k = (uint32_t)k;
	q.dimension = dim;
	strcpy(q.space, space);
	q.query_ptr = (uintptr_t)query;
	q.hits_ptr = (uintptr_t)hits;
	if (ioctl(fd, VEXFS_IOC_KNN, &q)) {
		fprintf(stderr, "vexfs-knn: VEXFS_IOC_KNN on %s: %s\n", mnt, strerror(errno));
		return 2;
	}
	close(fd);
	nhits = q.count;
	paths = calloc(nhits + 1, sizeof(*paths));
	root = realpath(mnt, NULL);
	if (!paths || !root)
		return 2;
	if (S_ISDIR(st.st_mode)) {
		rootlen = strlen(root);
		if (rootlen == 1)
			rootlen = 0;
		rootdev = st.st_dev;
		if (nftw(root, visit, 32, FTW_PHYS | FTW_MOUNT)) {
			perror("vexfs-knn: walking the tree");
			return 2;
		}
	}
	for (i = 0; i < nhits; i++) {
		float s;

		memcpy(&s, &hits[i].score, sizeof(s));
		printf("%u\t%llu\t%.9g\t%s\n", i + 1, (unsigned long long)hits[i].ino, s,
		       paths[i] ? paths[i] : "?");
	}
	fprintf(stderr, "# count=%u scanned=%llu skipped=%llu metric=%u\n", q.count,
		(unsigned long long)q.scanned, (unsigned long long)q.skipped, q.metric);
	return q.skipped ? 3 : 0;
}
