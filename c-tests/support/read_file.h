/* read_file.h — test support: a whole file as a malloc'ed NUL-terminated string (C and C++). */
#ifndef MM_READ_FILE_H
#define MM_READ_FILE_H

#include <stdio.h>
#include <stdlib.h>

/* The contents of `path`, or an empty string if it cannot be read; free() the result. */
static inline char *mm_read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    size_t size = 0, cap = 256;
    char *text = (char *)malloc(cap);
    if (text == NULL) return NULL;
    if (f != NULL) {
        size_t n;
        while ((n = fread(text + size, 1, cap - size - 1, f)) > 0) {
            size += n;
            if (cap - size < 2) {
                char *bigger = (char *)realloc(text, cap * 2);
                if (bigger == NULL) break;
                text = bigger;
                cap *= 2;
            }
        }
        fclose(f);
    }
    text[size] = '\0';
    return text;
}

#endif /* MM_READ_FILE_H */
