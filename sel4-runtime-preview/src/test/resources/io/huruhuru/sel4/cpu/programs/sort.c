#include "freestanding.h"
static long values[3000];
static void quicksort(long *a, long lo, long hi) {
    while (lo < hi) {
        long pivot = a[(lo + hi) / 2], i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { long t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; } else { quicksort(a, i, hi); hi = j; }
    }
}
static int program(void) {
    unsigned long state = 88172645463325252UL;
    int n = sizeof values / sizeof values[0];
    for (int i = 0; i < n; i++) {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17;
        values[i] = (long) (state % 2000003) - 1000000;
    }
    quicksort(values, 0, n - 1);
    unsigned long checksum = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && values[i - 1] > values[i]) return 1;
        checksum = checksum * 31 + (unsigned long) values[i];
    }
    put_number(checksum);
    put_number((unsigned long) values[0]);
    return 0;
}
