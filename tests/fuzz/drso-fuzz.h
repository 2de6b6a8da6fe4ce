/* drso-fuzz.h
 *
 * Copyright 2026 The DRS Orchestrator authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What every fuzz target shares.
 *
 * Each fuzz-<target>.c defines drso_fuzz_one(): it reads one input, frees
 * everything it made and returns 0. It is linked either with fuzz-main.c
 * (libFuzzer's LLVMFuzzerTestOneInput, in the fuzzing build) or with
 * replay.c (a plain main() that runs files through it once, in every other
 * build), so the seeds and the inputs of fixed crashes guard both.
 *
 * A failed check calls drso_fuzz_fail(), which aborts: libFuzzer keeps the
 * input as a crash. */

int          drso_fuzz_one        (const guint8 *data,
                                   gsize         size);

/* Called once before the first input: criticals and warnings abort (a
 * precondition failed somewhere, or the library complained about what a
 * parser let through); messages, infos and debug output are dropped. */
void         drso_fuzz_setup      (void);

G_NORETURN
void         drso_fuzz_fail       (const char   *format,
                                   ...) G_GNUC_PRINTF (1, 2);

#define drso_fuzz_check(expr)                                            \
  G_STMT_START {                                                         \
    if (G_UNLIKELY (!(expr)))                                            \
      drso_fuzz_fail ("%s:%d: check failed: %s", __FILE__, __LINE__, #expr); \
  } G_STMT_END

/* Round trips. Whatever a reader accepts, its writer must write so that
 * the reader accepts it again and the writer then writes the same JSON:
 * drso_fuzz_check_read_back() fails when @again is NULL (with @error, the
 * reader's complaint), drso_fuzz_check_same_json() when @first and
 * @second differ. @what names the kind of object in the message. */
void         drso_fuzz_check_read_back (const char   *what,
                                        JsonNode     *written,
                                        gconstpointer again,
                                        const GError *error);
void         drso_fuzz_check_same_json (const char   *what,
                                        JsonNode     *first,
                                        JsonNode     *second);

/* Reads @node with @from_json (a *_new_from_json function); when that
 * gives an object, writes it with @to_json, reads that back and writes
 * it again, checking both steps as above. Declares @var (a g_autoptr of
 * @Type), NULL when @node does not read. */
#define DRSO_FUZZ_ROUND_TRIP(Type, var, node, from_json, to_json)              \
  g_autoptr(Type) var = NULL;                                                 \
  G_STMT_START {                                                              \
    g_autoptr(GError) rt_error_ = NULL;                                       \
    var = from_json ((node), &rt_error_);                                     \
    drso_fuzz_check ((var == NULL) == (rt_error_ != NULL));                   \
    if (var != NULL)                                                          \
      {                                                                       \
        g_autoptr(JsonNode) rt_written_ = to_json (var);                      \
        g_autoptr(Type) rt_again_ = from_json (rt_written_, &rt_error_);      \
        g_autoptr(JsonNode) rt_rewritten_ = NULL;                             \
                                                                              \
        drso_fuzz_check_read_back (#Type, rt_written_, rt_again_, rt_error_); \
        rt_rewritten_ = to_json (rt_again_);                                  \
        drso_fuzz_check_same_json (#Type, rt_written_, rt_rewritten_);        \
      }                                                                       \
  } G_STMT_END

/* Reading inputs made of parts: each call takes the bytes up to the next
 * @separator (or up to the end) and moves past it. NULL once nothing is
 * left. The returned string is a NUL-terminated copy (free it); a NUL
 * inside the part ends it early, as it would in the C strings the code
 * under test takes. */
typedef struct
{
  const char *at;
  const char *end;
} DrsoFuzzReader;

void         drso_fuzz_reader_init (DrsoFuzzReader *reader,
                                    const guint8   *data,
                                    gsize           size);
char        *drso_fuzz_reader_next (DrsoFuzzReader *reader,
                                    char            separator);
/* The rest of the input, as bytes (may hold NULs); empty at the end. */
const char  *drso_fuzz_reader_rest (DrsoFuzzReader *reader,
                                    gsize          *length);

/* A request in the form the SigV4 and Sandbox targets share:
 *
 *   METHOD SP PATH [ "?" QUERY ] LF
 *   NAME ":" VALUE LF            (any number of header lines)
 *   LF
 *   BODY                         (the rest, bytes)
 *
 * CR before LF is dropped. A header line without ":" is a header with an
 * empty value; one with an empty name is skipped, as HTTP has none. Missing
 * parts are empty (the path defaults to "/"). */
typedef struct
{
  char       *method;
  char       *path;
  char       *query;      /* NULL when the line has no "?" */
  GPtrArray  *names;      /* char * */
  GPtrArray  *values;     /* char * */
  const char *body;       /* points into the input */
  gsize       body_length;
} DrsoFuzzRequest;

void         drso_fuzz_request_parse (DrsoFuzzRequest *request,
                                      const guint8    *data,
                                      gsize            size);
void         drso_fuzz_request_clear (DrsoFuzzRequest *request);
const char  *drso_fuzz_request_header (DrsoFuzzRequest *request,
                                       const char      *name);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DrsoFuzzRequest, drso_fuzz_request_clear)

G_END_DECLS
