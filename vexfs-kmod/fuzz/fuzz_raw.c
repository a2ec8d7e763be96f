// SPDX-License-Identifier: GPL-2.0
/* fuzz_raw.c - raw image fuzzing: input = block records (see fuzz_common.h). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *img = NULL;
	size_t blocks = fz_decode(data, size, &img);

	if (!blocks)
		return 0;
	fz_run_fd(fz_write_image(img, blocks));
	free(img);
	return 0;
}
