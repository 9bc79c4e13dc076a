/* The string functions glibc selects for the CPU (ifuncs) and formats into buffers. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <ctype.h>

int main(void) {
    char buffer[256];
    const char *text = "the quick brown fox jumps over the lazy dog";
    printf("strlen %zu\n", strlen(text));
    printf("strchr %s\n", strchr(text, 'q'));
    printf("strrchr %s\n", strrchr(text, 't'));
    printf("strstr %s\n", strstr(text, "fox"));
    printf("strcmp %d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strcmp(text, text));
    printf("strncmp %d\n", strncmp("hello world", "hello there", 5));
    memset(buffer, 'x', sizeof buffer);
    memcpy(buffer, text, 20);
    buffer[20] = 0;
    printf("memcpy [%s]\n", buffer);
    memmove(buffer + 4, buffer, 10);
    printf("memmove [%s]\n", buffer);
    printf("memcmp %d\n", memcmp("abcdef", "abcdeg", 6) < 0);
    strcpy(buffer, text);
    int words = 0;
    for (char *w = strtok(buffer, " "); w; w = strtok(NULL, " ")) {
        words++;
    }
    printf("words %d\n", words);
    snprintf(buffer, sizeof buffer, "%s|%5.2f|%08x", "fmt", 2.5, 48879);
    printf("snprintf %s\n", buffer);
    for (char *p = buffer; *p; p++) {
        *p = (char) toupper((unsigned char) *p);
    }
    printf("upper %s\n", buffer);
    printf("strtol %ld %lu\n", strtol("-12345", NULL, 10), strtoul("ff", NULL, 16));
    printf("atof %.4f\n", atof("3.25e2"));
    char *copy = strdup(text);
    printf("strdup %s\n", copy + 35);
    free(copy);
    return 0;
}
