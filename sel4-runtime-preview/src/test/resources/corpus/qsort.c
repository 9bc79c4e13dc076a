/* qsort of 10,000 pseudo-random numbers. */
#include <stdio.h>
#include <stdlib.h>

static int compare(const void *a, const void *b) {
    int x = *(const int *) a, y = *(const int *) b;
    return (x > y) - (x < y);
}

int main(void) {
    enum { N = 10000 };
    static int numbers[N];
    unsigned seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        numbers[i] = (int) (seed >> 8) % 100000 - 50000;
    }
    qsort(numbers, N, sizeof numbers[0], compare);
    long long checksum = 0;
    for (int i = 0; i < N; i++) {
        if (i > 0 && numbers[i - 1] > numbers[i]) {
            printf("not sorted at %d\n", i);
            return 1;
        }
        checksum = checksum * 31 + numbers[i];
    }
    printf("sorted %d numbers: first %d, last %d, checksum %lld\n", N, numbers[0], numbers[N - 1], checksum);
    return 0;
}
