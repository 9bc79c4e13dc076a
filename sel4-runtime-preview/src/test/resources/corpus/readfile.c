/* Reads a file of the root filesystem (argv[1]) and lists its directory (argv[2]). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <sys/stat.h>

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        printf("cannot open: %s\n", strerror(errno));
        return 1;
    }
    char line[128];
    while (fgets(line, sizeof line, f)) {
        printf("line: %s", line);
    }
    fclose(f);
    struct stat st;
    if (stat(argv[1], &st) == 0) {
        printf("size %lld regular %d\n", (long long) st.st_size, S_ISREG(st.st_mode));
    }
    printf("missing: %s\n", fopen("/no/such/file", "r") ? "found" : strerror(errno));
    DIR *d = opendir(argv[2]);
    char *names[64];
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) && n < 64) {
        if (e->d_name[0] != '.') {
            names[n++] = strdup(e->d_name);
        }
    }
    qsort(names, n, sizeof names[0], by_name);
    for (int i = 0; i < n; i++) {
        printf("entry: %s\n", names[i]);
    }
    return 0;
}
