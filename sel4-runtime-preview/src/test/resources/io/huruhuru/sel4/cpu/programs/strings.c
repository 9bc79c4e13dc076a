#include "freestanding.h"
static unsigned long length(const char *s) { const char *p = s; while (*p) p++; return (unsigned long) (p - s); }
static int compare(const char *a, const char *b) {
    while (*a && *a == *b) { a++; b++; }
    return (unsigned char) *a - (unsigned char) *b;
}
static void reverse(char *s, unsigned long n) {
    for (unsigned long i = 0; i < n / 2; i++) { char t = s[i]; s[i] = s[n - 1 - i]; s[n - 1 - i] = t; }
}
static int program(void) {
    char text[] = "hello_world test, from an A64 interpreter\n";
    unsigned long n = length(text);
    put(text, (long) n);
    reverse(text, n - 1);
    put(text, (long) n);
    unsigned int hash = 2166136261u;
    for (unsigned long i = 0; i < n; i++) { hash ^= (unsigned char) text[i]; hash *= 16777619u; }
    put_number(hash);
    return compare("abc", "abd") < 0 ? 3 : 4;
}
