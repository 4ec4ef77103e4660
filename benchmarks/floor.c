/*
 * floor.c - the "honest floor" for the taxa benchmark.
 *
 * Does the least work any JSON Lines service has to do for each request:
 * read one line from stdin, parse it into a JSON tree (jansson json_loadb),
 * serialise the tree again in compact form (json_dumpb) and write it plus a
 * newline to stdout.  taxa has to do at least this much per request and then
 * compute a fee on top, so "taxa time / floor time" tells how close taxa is
 * to the cost of plain JSON parsing and printing.
 *
 * Behaviour mirrors the taxa contract where it matters for timing:
 *   - one output line per non-blank input line, blank lines are skipped;
 *   - a line that is not valid JSON still yields one line, an error object;
 *   - stdin and stdout use large (1 MiB) stdio buffers.
 *
 * `floor --parse-only` does the same minus the serialising: each line is parsed, the tree freed
 * and the line itself written back.  Its time is the part of the floor's that taxa pays too
 * (reading, jansson's parse, writing), so it splits taxa / floor into that shared part and the
 * work after the parse (bench.py --parse-floor).
 *
 * Build: cc -O2 floor.c $(pkg-config --cflags --libs jansson) -o floor
 * Exit status: 0 on success, 1 on an I/O or allocation error, 2 on an unknown argument.
 */
#define _POSIX_C_SOURCE 200809L

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IO_BUFFER_SIZE (1u << 20)

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return 0;
    }
    return 1;
}

int main(int argc, char **argv)
{
    int parse_only = 0;
    if (argc == 2 && strcmp(argv[1], "--parse-only") == 0) {
        parse_only = 1;
    } else if (argc != 1) {
        fprintf(stderr, "usage: floor [--parse-only] < requests.jsonl\n");
        return 2;
    }
    static char inbuf[IO_BUFFER_SIZE];
    static char outbuf[IO_BUFFER_SIZE];
    if (setvbuf(stdin, inbuf, _IOFBF, sizeof inbuf) != 0 ||
        setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf) != 0) {
        fprintf(stderr, "floor: setvbuf failed\n");
        return 1;
    }

    char *line = NULL;
    size_t line_cap = 0;
    size_t dump_cap = 64 * 1024;
    char *dump = malloc(dump_cap);
    if (dump == NULL) {
        fprintf(stderr, "floor: out of memory\n");
        return 1;
    }

    ssize_t len;
    while ((len = getline(&line, &line_cap, stdin)) != -1) {
        size_t n = (size_t)len;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        if (is_blank(line, n))
            continue;

        json_error_t error;
        json_t *root = json_loadb(line, n, 0, &error);
        if (parse_only) {
            if (root != NULL)
                json_decref(root);
            if (fwrite(line, 1, n, stdout) != n || putchar('\n') == EOF) {
                fprintf(stderr, "floor: write error\n");
                return 1;
            }
            continue;
        }
        if (root == NULL) {
            json_t *err = json_pack("{s:b, s:s}", "ok", 0, "error", error.text);
            if (err == NULL) {
                fprintf(stderr, "floor: out of memory\n");
                return 1;
            }
            root = err;
        }

        size_t need = json_dumpb(root, dump, dump_cap, JSON_COMPACT);
        if (need > dump_cap) {
            while (dump_cap < need)
                dump_cap *= 2;
            char *bigger = realloc(dump, dump_cap);
            if (bigger == NULL) {
                fprintf(stderr, "floor: out of memory\n");
                return 1;
            }
            dump = bigger;
            need = json_dumpb(root, dump, dump_cap, JSON_COMPACT);
        }
        json_decref(root);
        if (need == 0) {
            fprintf(stderr, "floor: json_dumpb failed\n");
            return 1;
        }

        if (fwrite(dump, 1, need, stdout) != need || putchar('\n') == EOF) {
            fprintf(stderr, "floor: write error\n");
            return 1;
        }
    }

    if (ferror(stdin)) {
        fprintf(stderr, "floor: read error\n");
        return 1;
    }
    free(line);
    free(dump);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "floor: write error\n");
        return 1;
    }
    return 0;
}
