/*
 * io.c: choosing the format, opening inputs, saving, validating.
 * (Each format's own rules are tested in test_json/test_csv/test_graphml.)
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/io_internal.h"
#include "support.h"

static const char *ACTORS = "id,label,kind,gender\namb,Ambassador,diplomat,f\n"
                            "ngo1,Water NGO,ngo,m\nbiz,,business,\n";
static const char *RELS = "source,target,quality,kind\namb,ngo1,0.8,formal\nngo1,biz,0.4,\n";

static sm_network *sample(void)
{
	sm_network *net;
	sm_assert_ok(sm_network_load_csv_buffers(&net, ACTORS, strlen(ACTORS), RELS, strlen(RELS),
	                                         NULL));
	return net;
}

START_TEST(load_options_defaults)
{
	sm_load_options o;
	memset(&o, 0xff, sizeof o);
	sm_load_options_init(&o);
	sm_load_options d = SM_LOAD_OPTIONS_INIT;
	ck_assert_uint_eq(d.version, o.version);
	ck_assert_int_eq(d.directed, o.directed);
	ck_assert_uint_eq(o.version, SM_LOAD_OPTIONS_VERSION);
	ck_assert_int_eq(o.format, SM_FORMAT_AUTO);
	ck_assert_int_eq(o.max_file_bytes, 0);
	ck_assert_int_eq(o.directed, -1);
}
END_TEST

START_TEST(save_and_load_every_format)
{
	char *dir = sm_test_tmpdir();
	sm_network *net = sample();
	const char *names[] = { "map.json", "map.graphml", "map.xml", "csvpair" };
	for (size_t i = 0; i < 4; i++) {
		char *path = sm_test_join(dir, names[i]);
		sm_assert_ok(sm_network_save(net, path, SM_FORMAT_AUTO));
		sm_network *back = NULL;
		sm_assert_ok(sm_network_load(&back, path, NULL));
		ck_assert_int_eq(sm_network_actor_count(back), 3);
		ck_assert_int_eq(sm_network_relationship_count(back), 2);
		sm_value v;
		sm_assert_ok(sm_network_attr(&v, back, SM_ACTOR, 0, "gender"));
		ck_assert_str_eq(v.as.s, "f");
		sm_network_free(back);
		free(path);
	}
	/* An explicit format wins over the extension. */
	char *odd = sm_test_join(dir, "network.data");
	sm_assert_ok(sm_network_save(net, odd, SM_FORMAT_JSON));
	sm_load_options o = SM_LOAD_OPTIONS_INIT;
	o.format = SM_FORMAT_JSON;
	sm_network *back = NULL;
	sm_assert_ok(sm_network_load(&back, odd, &o));
	sm_network_free(back);
	free(odd);
	sm_network_free(net);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(load_path_errors)
{
	char *dir = sm_test_tmpdir();
	sm_network *net = (sm_network *)0x1;
	char *missing = sm_test_join(dir, "nope.json");
	sm_assert_fails(sm_network_load(&net, missing, NULL), SM_ENOTFOUND, "nope.json");
	free(missing);
	/* A folder without the CSV pair. */
	sm_assert_fails(sm_network_load(&net, dir, NULL), SM_ENOTFOUND, "relationships.csv");
	/* An unknown extension. */
	char *txt = sm_test_write(dir, "map.txt", "hello");
	sm_assert_fails(sm_network_load(&net, txt, NULL), SM_EINVAL, "unknown format");
	free(txt);
	/* A folder named like a file. */
	char *fake = sm_test_join(dir, "folder.json");
	ck_assert_int_eq(mkdir(fake, 0755), 0);
	sm_load_options o = SM_LOAD_OPTIONS_INIT;
	o.format = SM_FORMAT_JSON;
	sm_assert_fails(sm_network_load(&net, fake, &o), SM_EINVAL, "is a folder");
	free(fake);
	sm_assert_fails(sm_network_load(&net, NULL, NULL), SM_EINVAL, "NULL");
	o.format = (sm_format)99;
	sm_assert_fails(sm_network_load(&net, dir, &o), SM_EINVAL, "unknown format");
	/* Size limit. */
	char *big = sm_test_write(dir, "big.json", "{\"stakemap\": 1, \"actors\": [], "
	                                           "\"relationships\": []}");
	o = (sm_load_options)SM_LOAD_OPTIONS_INIT;
	o.max_file_bytes = 10;
	sm_assert_fails(sm_network_load(&net, big, &o), SM_ELIMIT, "limit of 10 bytes");
	free(big);
	ck_assert_ptr_eq(net, (sm_network *)0x1);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(save_errors_leave_nothing)
{
	char *dir = sm_test_tmpdir();
	sm_network *net = sample();
	char *missing = sm_test_join(dir, "no/such/dir/map.json");
	sm_assert_fails(sm_network_save(net, missing, SM_FORMAT_AUTO), SM_EIO, "no/such/dir");
	free(missing);
	char *gmissing = sm_test_join(dir, "no/such/dir/map.graphml");
	sm_assert_fails(sm_network_save(net, gmissing, SM_FORMAT_AUTO), SM_EIO, "no/such/dir");
	free(gmissing);
	char *cmissing = sm_test_join(dir, "no/such/pair");
	sm_assert_fails(sm_network_save(net, cmissing, SM_FORMAT_AUTO), SM_EIO, "no/such");
	free(cmissing);
	char *bad = sm_test_join(dir, "map.docx");
	sm_assert_fails(sm_network_save(net, bad, SM_FORMAT_AUTO), SM_EINVAL, "unknown format");
	free(bad);
	sm_assert_fails(sm_network_save(NULL, "x.json", SM_FORMAT_AUTO), SM_EINVAL, "NULL");
	/* Nothing was created in the folder. */
	char cmd[512];
	snprintf(cmd, sizeof cmd, "test -z \"$(ls -A %s)\"", dir);
	ck_assert_int_eq(system(cmd), 0);
	/* An existing file survives a failed save. */
	char *keep = sm_test_write(dir, "keep.json", "old");
	ck_assert_int_eq(chmod(dir, 0555), 0);
	if (access(dir, W_OK) != 0) { /* not root: the folder is read-only */
		sm_assert_fails(sm_network_save(net, keep, SM_FORMAT_AUTO), SM_EIO, "keep.json");
		char *seen = sm_test_read(keep, NULL);
		ck_assert_str_eq(seen, "old");
		free(seen);
	}
	chmod(dir, 0755);
	free(keep);
	sm_network_free(net);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(buffers)
{
	const char *json = "{\"stakemap\": 1, \"directed\": true, \"actors\": [{\"id\": \"a\"}, "
	                   "{\"id\": \"b\"}], \"relationships\": [{\"source\": \"a\", "
	                   "\"target\": \"b\", \"quality\": 0.5}]}";
	sm_network *net = NULL;
	sm_assert_ok(sm_network_load_buffer(&net, json, strlen(json), SM_FORMAT_JSON, "x.json", NULL));
	ck_assert(sm_network_is_directed(net));
	sm_network_free(net);
	net = (sm_network *)0x1;
	sm_assert_fails(sm_network_load_buffer(&net, json, strlen(json), SM_FORMAT_CSV, NULL, NULL),
	                SM_EINVAL, "sm_network_load_csv_buffers");
	sm_assert_fails(sm_network_load_buffer(&net, NULL, 4, SM_FORMAT_JSON, NULL, NULL), SM_EINVAL,
	                "NULL");
	sm_assert_fails(sm_network_load_buffer(&net, "{", 1, SM_FORMAT_JSON, NULL, NULL), SM_EPARSE,
	                "<memory>");
	sm_assert_fails(sm_network_load_csv_buffers(&net, NULL, 0, NULL, 0, NULL), SM_EINVAL,
	                "NULL");
	ck_assert_ptr_eq(net, (sm_network *)0x1);
	/* A relationships file alone creates the actors. */
	sm_assert_ok(sm_network_load_csv_buffers(&net, NULL, 0, RELS, strlen(RELS), NULL));
	ck_assert_int_eq(sm_network_actor_count(net), 3);
	ck_assert_str_eq(sm_network_actor_kind(net, 0), "other");
	sm_network_free(net);
}
END_TEST

START_TEST(validate_lists_every_problem)
{
	char *dir = sm_test_tmpdir();
	char *a = sm_test_write(dir, "actors.csv", "id,kind\nx,ngo\ny,media\nx,ngo\n,media\n");
	char *r = sm_test_write(dir, "relationships.csv",
	                        "source,target,quality\nx,y,0.5\nx,ghost,0.5\ny,x,1.7\ny,y,0.3\n");
	sm_problem_list *list = NULL;
	sm_assert_ok(sm_validate(&list, dir, NULL));
	ck_assert_uint_eq(sm_problem_list_count(list), 5);
	const char *want[] = { "actors.csv:4:", "actors.csv:5:", "relationships.csv:3:",
	                       "relationships.csv:4:", "relationships.csv:5:" };
	for (size_t i = 0; i < 5; i++) {
		const sm_error *e = sm_problem_list_get(list, i);
		ck_assert_msg(strstr(e->message, want[i]) != NULL, "problem %zu: %s", i, e->message);
		ck_assert_ptr_nonnull(e->file);
		ck_assert_int_gt(e->line, 0);
	}
	ck_assert_ptr_null(sm_problem_list_get(list, 5));
	sm_problem_list_free(list);
	sm_problem_list_free(NULL);
	ck_assert_uint_eq(sm_problem_list_count(NULL), 0);
	free(a);
	free(r);

	/* A valid file: an empty list. */
	char *good = sm_test_join(dir, "good.json");
	sm_network *net = sample();
	sm_assert_ok(sm_network_save(net, good, SM_FORMAT_AUTO));
	sm_network_free(net);
	sm_assert_ok(sm_validate(&list, good, NULL));
	ck_assert_uint_eq(sm_problem_list_count(list), 0);
	sm_problem_list_free(list);
	free(good);

	/* A syntax error ends the check and is the (one) problem. */
	char *broken = sm_test_write(dir, "broken.json", "{\"stakemap\": 1,\n \"actors\": [\n");
	sm_assert_ok(sm_validate(&list, broken, NULL));
	ck_assert_uint_eq(sm_problem_list_count(list), 1);
	ck_assert_int_eq(sm_problem_list_get(list, 0)->code, SM_EPARSE);
	sm_problem_list_free(list);
	free(broken);

	/* A path that cannot be read is the caller's error, not a problem. */
	list = (sm_problem_list *)0x1;
	char *missing = sm_test_join(dir, "missing.json");
	sm_assert_fails(sm_validate(&list, missing, NULL), SM_ENOTFOUND, "missing.json");
	ck_assert_ptr_eq(list, (sm_problem_list *)0x1);
	free(missing);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(validate_caps_problems)
{
	/* 1,500 bad rows: 1,000 problems kept, and the check says it stopped. */
	char *dir = sm_test_tmpdir();
	size_t cap = 64 * 1024, len = 0;
	char *text = malloc(cap);
	len += (size_t)snprintf(text, cap, "source,target,quality\n");
	for (int i = 0; i < 1500; i++)
		len += (size_t)snprintf(text + len, cap - len, "a%d,b%d,2\n", i, i);
	char *r = sm_test_write(dir, "relationships.csv", text);
	sm_problem_list *list;
	sm_assert_ok(sm_validate(&list, dir, NULL));
	ck_assert_uint_eq(sm_problem_list_count(list), 1000);
	sm_problem_list_free(list);
	free(text);
	free(r);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(sources)
{
	sm_source s;
	char buf[8];
	sm_source_from_buffer(&s, NULL, "abcdefghij", 10, 0);
	ck_assert_str_eq(s.name, "<memory>");
	ck_assert_int_eq(sm_source_read(&s, buf, 8), 8);
	ck_assert_int_eq(sm_source_read(&s, buf, 8), 2);
	ck_assert_int_eq(sm_source_read(&s, buf, 8), 0);
	size_t n;
	ck_assert_ptr_nonnull(sm_source_view(&s, &n));
	ck_assert_uint_eq(n, 10);
	sm_source_from_buffer(&s, "x", "abcdefghij", 10, 4);
	ck_assert_int_eq(sm_source_read(&s, buf, 8), SM_ELIMIT);
	sm_assert_fails(sm_source_open(&s, "/nonexistent/file", 0), SM_ENOTFOUND, "/nonexistent/file");
}
END_TEST

static Suite *io_suite(void)
{
	Suite *s = suite_create("io");
	TCase *tc = tcase_create("io");
	tcase_add_test(tc, load_options_defaults);
	tcase_add_test(tc, save_and_load_every_format);
	tcase_add_test(tc, load_path_errors);
	tcase_add_test(tc, save_errors_leave_nothing);
	tcase_add_test(tc, buffers);
	tcase_add_test(tc, validate_lists_every_problem);
	tcase_add_test(tc, validate_caps_problems);
	tcase_add_test(tc, sources);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(io_suite)
