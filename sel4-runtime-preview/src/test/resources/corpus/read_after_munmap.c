/* A read from an anonymous mapping after munmap: a data fault at the address printed first. */
#include <stdio.h>
#include <sys/mman.h>

int main(void) {
    volatile char *page = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        return 2;
    }
    page[0] = 42;
    munmap((void *) page, 4096);
    printf("reading from %p\n", (void *) page);
    fflush(stdout);
    return page[0];
}
