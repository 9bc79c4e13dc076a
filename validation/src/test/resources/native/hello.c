/* The talk's native application: prints its arguments, HELLO and /foo.txt. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        printf("%s%s", argv[i], i + 1 < argc ? " " : "\n");
    }
    const char *hello = getenv("HELLO");
    printf("HELLO=%s\n", hello ? hello : "(unset)");
    FILE *foo = fopen("/foo.txt", "r");
    if (!foo) {
        perror("/foo.txt");
        return 2;
    }
    char line[256];
    while (fgets(line, sizeof line, foo)) {
        fputs(line, stdout);
    }
    fclose(foo);
    return 0;
}
