/* Integer and floating-point formatting. */
#include <stdio.h>
#include <math.h>

int main(void) {
    long long big = 9007199254740993LL;
    printf("%d %u %x %lld %llx %+05d|%-6d|\n", -42, 4000000000u, 0xbeefu, big, (unsigned long long) -big, 17, 3);
    double values[] = {0.0, 1.5, -2.25, 3.141592653589793, 1e-300, 6.02214076e23, 1.0 / 3.0};
    for (int i = 0; i < 7; i++) {
        printf("%f %.3e %g %a\n", values[i], values[i], values[i], values[i]);
    }
    float f = 0.1f;
    double sum = 0;
    for (int i = 1; i <= 1000; i++) {
        sum += 1.0 / ((double) i * i);
    }
    printf("%.9f %.17g %.2f\n", f, sum, sqrt(2.0) * 100);
    return 0;
}
