/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * _stakemap: the CPython extension under the `stakemap` package. It wraps the
 * public C API (the headers include/stakemap/NAME.h) and nothing else: networks, tables,
 * selections, loading and saving, and the analyses. The pure-Python layer
 * (stakemap/__init__.py and friends) gives it its Pythonic names, keyword
 * arguments, type hints and docstrings; this file keeps to the mechanics:
 *
 *  - every SM_E* code becomes an exception of the class the Python layer
 *    registered for it (_set_error_classes), carrying code, message, file,
 *    line and column;
 *  - analyses and loads run with the GIL released; a network being analysed
 *    counts as busy and refuses to be mutated until every analysis returns;
 *  - the progress trampoline is installed for every analysis: it re-takes
 *    the GIL, checks for signals (KeyboardInterrupt) and calls the user's
 *    callable; an exception or a true return cancels the C call, and the
 *    exception is re-raised once the C call has returned;
 *  - table columns are exported through the buffer protocol without copying
 *    (numpy.asarray(memoryview(...)) keeps the table alive);
 *  - bulk building reads numpy buffers and Python sequences in C, into a
 *    copy of the network that replaces the original only when every row was
 *    added, so a failed bulk call leaves the network unchanged.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pythread.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stakemap.h>

/* ---- errors ------------------------------------------------------------ */

/* code → exception class, set once by the Python layer. */
static PyObject *error_classes;  /* dict int → class */
static PyObject *selection_error; /* class for sm_select() errors */

static PyObject *error_class(int code)
{
	PyObject *key, *cls = NULL;

	if (error_classes) {
		key = PyLong_FromLong(code);
		if (!key)
			return NULL;
		cls = PyDict_GetItemWithError(error_classes, key);
		Py_DECREF(key);
		if (!cls && PyErr_Occurred())
			return NULL;
	}
	if (!cls)
		cls = code == SM_ENOMEM ? PyExc_MemoryError : PyExc_RuntimeError;
	return cls;
}

static int set_attr_steal(PyObject *obj, const char *name, PyObject *value)
{
	int rc;

	if (!value)
		return -1;
	rc = PyObject_SetAttrString(obj, name, value);
	Py_DECREF(value);
	return rc;
}

/* Raise the exception for status `rc` from the thread's last error, with
 * `prefix` (may be NULL) before the message. Returns NULL. */
static PyObject *raise_status_cls(int rc, const char *prefix, PyObject *cls)
{
	const sm_error *e = sm_error_last();
	const char *msg = (e->code == rc && e->message && e->message[0]) ? e->message
	                                                                   : sm_strerror(rc);
	PyObject *text, *exc;

	if (!cls && !(cls = error_class(rc)))
		return NULL;
	text = prefix ? PyUnicode_FromFormat("%s%s", prefix, msg)
	              : PyUnicode_DecodeUTF8(msg, (Py_ssize_t)strlen(msg), "replace");
	if (!text)
		return NULL;
	exc = PyObject_CallOneArg(cls, text);
	if (!exc) {
		Py_DECREF(text);
		return NULL;
	}
	if (set_attr_steal(exc, "code", PyLong_FromLong(rc)) < 0 ||
	    PyObject_SetAttrString(exc, "message", text) < 0 ||
	    set_attr_steal(exc, "file", e->code == rc && e->file
	                                    ? PyUnicode_DecodeUTF8(e->file, (Py_ssize_t)strlen(e->file),
	                                                           "replace")
	                                    : Py_NewRef(Py_None)) < 0 ||
	    set_attr_steal(exc, "line", PyLong_FromLongLong(e->code == rc ? e->line : 0)) < 0 ||
	    set_attr_steal(exc, "column", PyLong_FromLongLong(e->code == rc ? e->column : 0)) < 0) {
		Py_DECREF(text);
		Py_DECREF(exc);
		return NULL;
	}
	Py_DECREF(text);
	PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
	Py_DECREF(exc);
	return NULL;
}

static PyObject *raise_status(int rc)
{
	return raise_status_cls(rc, NULL, NULL);
}

/* Raise an InvalidArgumentError-class error with our own message. */
static PyObject *raise_message(int code, const char *fmt, ...)
{
	PyObject *cls, *text, *exc;
	va_list ap;

	if (!(cls = error_class(code)))
		return NULL;
	va_start(ap, fmt);
	text = PyUnicode_FromFormatV(fmt, ap);
	va_end(ap);
	if (!text)
		return NULL;
	exc = PyObject_CallOneArg(cls, text);
	if (exc && set_attr_steal(exc, "code", PyLong_FromLong(code)) == 0 &&
	    PyObject_SetAttrString(exc, "message", text) == 0)
		PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
	Py_XDECREF(exc);
	Py_DECREF(text);
	return NULL;
}

/* ---- progress trampoline ----------------------------------------------- */

typedef struct progress_ctx {
	PyThreadState *ts;     /* the caller's thread state while the GIL is released */
	unsigned long thread;  /* the caller's thread: never re-enter Python elsewhere */
	PyObject *callback;    /* borrowed; NULL or None for none */
	PyObject *exc_type;    /* the exception that cancelled (PyErr_Fetch), or NULL */
	PyObject *exc_value;
	PyObject *exc_tb;
	int stop;              /* 1 once cancelled */
} progress_ctx;

static int progress_trampoline(double fraction, const char *stage, void *user)
{
	progress_ctx *p = user;
	PyObject *r;
	int stop = 0, truth;

	if (p->stop)
		return 1;
	if (PyThread_get_thread_ident() != p->thread)
		return 0;
	PyEval_RestoreThread(p->ts);
	if (PyErr_CheckSignals() < 0) {
		stop = 1;
	} else if (p->callback && p->callback != Py_None) {
		r = PyObject_CallFunction(p->callback, "ds", fraction, stage ? stage : "");
		if (!r) {
			stop = 1;
		} else {
			truth = r == Py_None ? 0 : PyObject_IsTrue(r);
			Py_DECREF(r);
			stop = truth != 0; /* true, or an error while testing */
		}
	}
	if (stop && PyErr_Occurred())
		PyErr_Fetch(&p->exc_type, &p->exc_value, &p->exc_tb);
	p->stop = stop;
	p->ts = PyEval_SaveThread();
	return stop;
}

static void progress_begin(progress_ctx *p, PyObject *callback)
{
	p->callback = callback;
	p->exc_type = p->exc_value = p->exc_tb = NULL;
	p->stop = 0;
	p->thread = PyThread_get_thread_ident();
	p->ts = PyEval_SaveThread();
}

static void progress_end(progress_ctx *p)
{
	PyEval_RestoreThread(p->ts);
}

/* After a successful C call: drop an exception that came too late to cancel. */
static void progress_clear(progress_ctx *p)
{
	Py_CLEAR(p->exc_type);
	Py_CLEAR(p->exc_value);
	Py_CLEAR(p->exc_tb);
}

/* After the C call returned rc < 0: re-raise the callback's exception when
 * it cancelled, else the library's error. Returns NULL. */
static PyObject *progress_fail(progress_ctx *p, int rc)
{
	if (p->exc_type) {
		PyErr_Restore(p->exc_type, p->exc_value, p->exc_tb);
		p->exc_type = p->exc_value = p->exc_tb = NULL;
		return NULL;
	}
	return raise_status(rc);
}

/* ---- objects ----------------------------------------------------------- */

typedef struct NetworkObject {
	PyObject_HEAD
	sm_network *net;
	Py_ssize_t busy;      /* analyses running on it with the GIL released */
	uint64_t generation;  /* bumped by every mutation */
	PyObject *weakrefs;
} NetworkObject;

typedef struct TableObject {
	PyObject_HEAD
	sm_table *t;
	Py_ssize_t exports;   /* column buffers exported */
	PyObject *weakrefs;
} TableObject;

typedef struct SelectionObject {
	PyObject_HEAD
	sm_selection *sel;
	NetworkObject *owner;
	uint64_t generation;
} SelectionObject;

typedef struct ColumnObject {
	PyObject_HEAD
	TableObject *table;
	size_t col;
	Py_ssize_t shape;
	Py_ssize_t itemsize;
	char format[2];
} ColumnObject;

static PyTypeObject NetworkType;
static PyTypeObject TableType;
static PyTypeObject SelectionType;
static PyTypeObject ColumnType;

static sm_network *get_net(NetworkObject *self)
{
	if (!self->net) {
		PyErr_SetString(PyExc_RuntimeError, "the network was not initialised");
		return NULL;
	}
	return self->net;
}

/* Mutations are refused while an analysis runs on the network. */
static int check_idle(NetworkObject *self)
{
	if (!get_net(self))
		return -1;
	if (self->busy > 0) {
		PyErr_SetString(PyExc_RuntimeError,
		                "the network is being analysed in another thread; change it after "
		                "the analysis returns");
		return -1;
	}
	return 0;
}

static void mutated(NetworkObject *self)
{
	self->generation++;
}

/* A new Network object of type `type` owning `net` (freed on failure). */
static PyObject *wrap_network(PyTypeObject *type, sm_network *net)
{
	NetworkObject *obj = (NetworkObject *)type->tp_alloc(type, 0);

	if (!obj) {
		sm_network_free(net);
		return NULL;
	}
	obj->net = net;
	return (PyObject *)obj;
}

static PyObject *wrap_table(sm_table *t)
{
	TableObject *obj;

	if (!t)
		Py_RETURN_NONE;
	obj = PyObject_New(TableObject, &TableType);
	if (!obj) {
		sm_table_free(t);
		return NULL;
	}
	obj->t = t;
	obj->exports = 0;
	obj->weakrefs = NULL;
	return (PyObject *)obj;
}

static PyObject *str_or_none(const char *s)
{
	if (!s)
		Py_RETURN_NONE;
	return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

static PyObject *date_or_none(int32_t days)
{
	char buf[11];

	if (days == SM_DATE_NONE || sm_date_format(buf, days) != SM_OK)
		Py_RETURN_NONE;
	return PyUnicode_FromString(buf);
}

/* ---- attribute values ---------------------------------------------------- */

/* Convert a Python value to an attribute value. Returns 1 (value), 0
 * (missing: None, NaN, pandas NA/NaT) or -1 (error set). Text is borrowed
 * from `o`. */
static int to_value(sm_value *v, PyObject *o, const char *name)
{
	const char *tn;

	if (o == Py_None)
		return 0;
	if (PyBool_Check(o)) {
		v->type = SM_VALUE_BOOL;
		v->as.b = o == Py_True;
		return 1;
	}
	if (PyUnicode_Check(o)) {
		v->type = SM_VALUE_STRING;
		if (!(v->as.s = PyUnicode_AsUTF8(o)))
			return -1;
		return 1;
	}
	if (PyFloat_Check(o)) {
		v->type = SM_VALUE_NUMBER;
		v->as.n = PyFloat_AS_DOUBLE(o);
		return isnan(v->as.n) ? 0 : 1;
	}
	if (PyLong_Check(o)) {
		v->type = SM_VALUE_NUMBER;
		v->as.n = PyLong_AsDouble(o);
		return v->as.n == -1.0 && PyErr_Occurred() ? -1 : 1;
	}
	tn = Py_TYPE(o)->tp_name;
	if (strcmp(tn, "numpy.bool_") == 0 || strcmp(tn, "numpy.bool") == 0) {
		int t = PyObject_IsTrue(o);
		if (t < 0)
			return -1;
		v->type = SM_VALUE_BOOL;
		v->as.b = t != 0;
		return 1;
	}
	if (strcmp(tn, "NAType") == 0 || strcmp(tn, "NaTType") == 0)
		return 0;
	if (Py_TYPE(o)->tp_as_number && Py_TYPE(o)->tp_as_number->nb_float) {
		v->type = SM_VALUE_NUMBER;
		v->as.n = PyFloat_AsDouble(o);
		if (v->as.n == -1.0 && PyErr_Occurred())
			return -1;
		return isnan(v->as.n) ? 0 : 1;
	}
	raise_message(SM_EINVAL, "attribute '%s': cannot store a value of type %s (text, number "
	              "or bool)", name, tn);
	return -1;
}

static PyObject *from_value(const sm_value *v)
{
	switch (v->type) {
	case SM_VALUE_STRING:
		return str_or_none(v->as.s);
	case SM_VALUE_NUMBER:
		return PyFloat_FromDouble(v->as.n);
	case SM_VALUE_BOOL:
		return PyBool_FromLong(v->as.b);
	default:
		Py_RETURN_NONE;
	}
}

/* Add every set attribute of element `i` to `dict`. */
static int attrs_into(PyObject *dict, const sm_network *net, sm_element what, int64_t i)
{
	int64_t k, count = sm_network_attr_count(net, what);
	const char *name;
	sm_value v;
	PyObject *o;
	int rc;

	for (k = 0; k < count; k++) {
		name = sm_network_attr_name(net, what, k, NULL);
		if (!name || sm_network_attr(&v, net, what, i, name) != SM_OK ||
		    v.type == SM_VALUE_NULL)
			continue;
		if (!(o = from_value(&v)))
			return -1;
		rc = PyDict_SetItemString(dict, name, o);
		Py_DECREF(o);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Attributes given to add_actor()/add_relationship(), converted once, before any change. */
typedef struct attr_list {
	Py_ssize_t n;
	const char **names; /* borrowed from the caller's str objects */
	sm_value *values;
	char *set;          /* 0 = missing (left unset) */
} attr_list;

static void attr_list_free(attr_list *a)
{
	PyMem_Free(a->names);
	PyMem_Free(a->values);
	PyMem_Free(a->set);
	memset(a, 0, sizeof *a);
}

/* Convert `names` and `values` (lists; they must outlive the attr_list). */
static int attr_list_init(attr_list *a, PyObject *names, PyObject *values)
{
	Py_ssize_t k;
	int rc;

	memset(a, 0, sizeof *a);
	a->n = PyList_GET_SIZE(names);
	if (PyList_GET_SIZE(values) != a->n) {
		PyErr_SetString(PyExc_ValueError, "as many attribute values as names are needed");
		return -1;
	}
	a->names = PyMem_Calloc((size_t)a->n + 1, sizeof *a->names);
	a->values = PyMem_Calloc((size_t)a->n + 1, sizeof *a->values);
	a->set = PyMem_Calloc((size_t)a->n + 1, 1);
	if (!a->names || !a->values || !a->set) {
		attr_list_free(a);
		PyErr_NoMemory();
		return -1;
	}
	for (k = 0; k < a->n; k++) {
		if (!(a->names[k] = PyUnicode_AsUTF8(PyList_GET_ITEM(names, k))) ||
		    (rc = to_value(&a->values[k], PyList_GET_ITEM(values, k), a->names[k])) < 0) {
			attr_list_free(a);
			return -1;
		}
		a->set[k] = (char)rc;
	}
	return 0;
}

/*
 * Check that setting the attributes on a new element of `what` will succeed,
 * before the element is added: each is tried on a scratch network holding the
 * attribute's current type, so the library itself judges names, types and
 * values, and its messages are the ones raised.
 */
static int check_attrs(const sm_network *net, sm_element what, const attr_list *a)
{
	sm_network *scratch = NULL;
	Py_ssize_t k;
	int64_t i, count = sm_network_attr_count(net, what), added = 0;
	sm_value dummy;
	sm_value_type type = SM_VALUE_NULL;
	const char *existing;
	int rc, found;

	if (a->n == 0)
		return 0;
	if ((rc = sm_network_new(&scratch, false)) < 0 ||
	    (rc = sm_network_add_actor(NULL, scratch, "a", NULL, NULL)) < 0 ||
	    (rc = sm_network_add_actor(NULL, scratch, "b", NULL, NULL)) < 0 ||
	    (what == SM_RELATIONSHIP &&
	     ((rc = sm_network_add_relationship(NULL, scratch, "a", "b", 1.0, NULL)) < 0 ||
	      (rc = sm_network_add_relationship(NULL, scratch, "a", "b", 1.0, NULL)) < 0)))
		goto fail;
	for (k = 0; k < a->n; k++) {
		if (!a->set[k])
			continue;
		found = 0;
		for (i = 0; i < count; i++) {
			existing = sm_network_attr_name(net, what, i, &type);
			if (existing && strcmp(existing, a->names[k]) == 0) {
				found = 1;
				break;
			}
		}
		if (found && type != SM_VALUE_NULL) {
			dummy.type = type;
			if (type == SM_VALUE_STRING)
				dummy.as.s = "x";
			else if (type == SM_VALUE_NUMBER)
				dummy.as.n = 0.0;
			else
				dummy.as.b = false;
			if ((rc = sm_network_set_attr(scratch, what, 0, a->names[k], &dummy)) < 0)
				goto fail;
		}
		if (!found && count + ++added > SM_MAX_ATTRIBUTES) {
			raise_message(SM_ELIMIT, "more than %d %s attributes (adding '%s')",
			              SM_MAX_ATTRIBUTES, what == SM_ACTOR ? "actor" : "relationship",
			              a->names[k]);
			sm_network_free(scratch);
			return -1;
		}
		if ((rc = sm_network_set_attr(scratch, what, 1, a->names[k], &a->values[k])) < 0)
			goto fail;
	}
	sm_network_free(scratch);
	return 0;
fail:
	raise_status(rc);
	sm_network_free(scratch);
	return -1;
}

static int set_attrs(sm_network *net, sm_element what, int64_t i, const attr_list *a)
{
	Py_ssize_t k;
	int rc;

	for (k = 0; k < a->n; k++) {
		if (!a->set[k])
			continue;
		if ((rc = sm_network_set_attr(net, what, i, a->names[k], &a->values[k])) < 0) {
			raise_status(rc);
			return -1;
		}
	}
	return 0;
}

/* ---- column readers for bulk building ------------------------------------ */

/* One input column: absent, a 1-d buffer (numpy array) or a sequence. */
typedef struct colreader {
	int kind; /* 0 absent, 1 buffer, 2 sequence */
	Py_buffer view;
	char fmt;
	PyObject *seq; /* PySequence_Fast result */
	const char *name;
} colreader;

static int colreader_init(colreader *c, PyObject *obj, Py_ssize_t n, const char *name)
{
	const char *f;

	memset(c, 0, sizeof *c);
	c->name = name;
	if (!obj || obj == Py_None)
		return 0;
	if (PyObject_CheckBuffer(obj) && !PyBytes_Check(obj) && !PyByteArray_Check(obj) &&
	    PyObject_GetBuffer(obj, &c->view, PyBUF_RECORDS_RO) == 0) {
		f = c->view.format ? c->view.format : "B";
		if (*f == '@' || *f == '=' || *f == '<')
			f++;
		if (c->view.ndim == 1 && f[0] && !f[1] && strchr("dfqlibhBHILQ?O", f[0]) &&
		    c->view.shape[0] == n) {
			c->fmt = f[0];
			c->kind = 1;
			return 0;
		}
		PyBuffer_Release(&c->view);
	}
	PyErr_Clear();
	if (!(c->seq = PySequence_Fast(obj, "a column must be a sequence or a 1-d array")))
		return -1;
	if (PySequence_Fast_GET_SIZE(c->seq) != n) {
		raise_message(SM_EINVAL, "column '%s' has %zd values, expected %zd", name,
		              PySequence_Fast_GET_SIZE(c->seq), n);
		Py_CLEAR(c->seq);
		return -1;
	}
	c->kind = 2;
	return 0;
}

static void colreader_free(colreader *c)
{
	if (c->kind == 1)
		PyBuffer_Release(&c->view);
	Py_CLEAR(c->seq);
	c->kind = 0;
}

static const char *colreader_ptr(const colreader *c, Py_ssize_t i)
{
	return (const char *)c->view.buf + i * c->view.strides[0];
}

/* Numeric buffer cell as a double. */
static double colreader_number(const colreader *c, Py_ssize_t i)
{
	const char *p = colreader_ptr(c, i);

	switch (c->fmt) {
	case 'd': { double x; memcpy(&x, p, sizeof x); return x; }
	case 'f': { float x; memcpy(&x, p, sizeof x); return (double)x; }
	case 'q': { long long x; memcpy(&x, p, sizeof x); return (double)x; }
	case 'Q': { unsigned long long x; memcpy(&x, p, sizeof x); return (double)x; }
	case 'l': { long x; memcpy(&x, p, sizeof x); return (double)x; }
	case 'L': { unsigned long x; memcpy(&x, p, sizeof x); return (double)x; }
	case 'i': { int x; memcpy(&x, p, sizeof x); return (double)x; }
	case 'I': { unsigned int x; memcpy(&x, p, sizeof x); return (double)x; }
	case 'h': { short x; memcpy(&x, p, sizeof x); return (double)x; }
	case 'H': { unsigned short x; memcpy(&x, p, sizeof x); return (double)x; }
	case 'b': return (double)*(const signed char *)p;
	case 'B': return (double)*(const unsigned char *)p;
	case '?': return *(const unsigned char *)p ? 1.0 : 0.0;
	default: return NAN;
	}
}

static int is_integer_format(char f)
{
	return f && strchr("qQlLiIhHbB", f) != NULL;
}

/* The Python object of cell i (borrowed), or NULL when the column holds raw numbers. */
static PyObject *colreader_object(const colreader *c, Py_ssize_t i)
{
	PyObject *o;

	if (c->kind == 2)
		return PySequence_Fast_GET_ITEM(c->seq, i);
	if (c->kind == 1 && c->fmt == 'O') {
		memcpy(&o, colreader_ptr(c, i), sizeof o);
		return o ? o : Py_None;
	}
	return NULL;
}

static int is_missing(PyObject *o)
{
	const char *tn;

	if (o == Py_None)
		return 1;
	if (PyFloat_Check(o))
		return isnan(PyFloat_AS_DOUBLE(o));
	tn = Py_TYPE(o)->tp_name;
	return strcmp(tn, "NAType") == 0 || strcmp(tn, "NaTType") == 0;
}

/*
 * Text of cell i: NULL for missing (or an absent column). `*tmp` receives a
 * new reference to keep while the text is used (a str() of a non-text value),
 * `buf` holds integers formatted from a numeric buffer. Returns -1 on error.
 */
static int colreader_text(const char **out, const colreader *c, Py_ssize_t i, PyObject **tmp,
                          char buf[32])
{
	PyObject *o;
	double x;

	*out = NULL;
	*tmp = NULL;
	if (c->kind == 0)
		return 0;
	if (c->kind == 1 && c->fmt != 'O') {
		x = colreader_number(c, i);
		if (isnan(x))
			return 0;
		if (is_integer_format(c->fmt) || x == floor(x))
			snprintf(buf, 32, "%.0f", x);
		else
			snprintf(buf, 32, "%.17g", x);
		*out = buf;
		return 0;
	}
	o = colreader_object(c, i);
	if (is_missing(o))
		return 0;
	if (PyUnicode_Check(o)) {
		*out = PyUnicode_AsUTF8(o);
	} else {
		if (!(*tmp = PyObject_Str(o)))
			return -1;
		*out = PyUnicode_AsUTF8(*tmp);
	}
	return *out ? 0 : -1;
}

/* Double of cell i; `dflt` for missing. */
static int colreader_double(double *out, const colreader *c, Py_ssize_t i, double dflt)
{
	PyObject *o;

	*out = dflt;
	if (c->kind == 0)
		return 0;
	if (c->kind == 1 && c->fmt != 'O') {
		*out = colreader_number(c, i);
		if (isnan(*out))
			*out = dflt;
		return 0;
	}
	o = colreader_object(c, i);
	if (is_missing(o))
		return 0;
	*out = PyFloat_AsDouble(o);
	if (*out == -1.0 && PyErr_Occurred()) {
		PyErr_Clear();
		raise_message(SM_EINVAL, "row %zd: %s is not a number", i, c->name);
		return -1;
	}
	return 0;
}

/* Attribute value of cell i: 1 value, 0 missing, -1 error. */
static int colreader_value(sm_value *v, const colreader *c, Py_ssize_t i)
{
	PyObject *o;

	if (c->kind == 0)
		return 0;
	if (c->kind == 1 && c->fmt != 'O') {
		if (c->fmt == '?') {
			v->type = SM_VALUE_BOOL;
			v->as.b = *(const unsigned char *)colreader_ptr(c, i) != 0;
			return 1;
		}
		v->type = SM_VALUE_NUMBER;
		v->as.n = colreader_number(c, i);
		return isnan(v->as.n) ? 0 : 1;
	}
	o = colreader_object(c, i);
	return to_value(v, o, c->name);
}

/* Add "row i: " before the message of the pending stakemap error. */
static PyObject *raise_row(int rc, Py_ssize_t row)
{
	char prefix[48];

	snprintf(prefix, sizeof prefix, "row %zd: ", row);
	return raise_status_cls(rc, prefix, NULL);
}

/* A working copy for bulk building: the network itself when it is empty. */
static int bulk_begin(sm_network **work, NetworkObject *self)
{
	int rc;

	if (sm_network_actor_count(self->net) == 0)
		rc = sm_network_new(work, sm_network_is_directed(self->net));
	else
		rc = sm_network_copy(work, self->net);
	if (rc < 0) {
		raise_status(rc);
		return -1;
	}
	return 0;
}

/* The attribute columns of a bulk add: names and their readers. */
typedef struct attr_columns {
	Py_ssize_t count;
	colreader *col;
	const char **name;
} attr_columns;

static void attr_columns_free(attr_columns *ac)
{
	if (ac->col)
		for (Py_ssize_t k = 0; k < ac->count; k++)
			colreader_free(&ac->col[k]);
	PyMem_Free(ac->col);
	PyMem_Free(ac->name);
	memset(ac, 0, sizeof *ac);
}

/* `names` and `cols`: lists of equal length; n rows. 0, or -1 with an exception. */
static int attr_columns_init(attr_columns *ac, PyObject *names, PyObject *cols, Py_ssize_t n)
{
	memset(ac, 0, sizeof *ac);
	Py_ssize_t na = PyList_GET_SIZE(names);
	if (PyList_GET_SIZE(cols) != na) {
		raise_message(SM_EINVAL, "%zd attribute names for %zd columns", na,
		              PyList_GET_SIZE(cols));
		return -1;
	}
	if (!(ac->col = PyMem_Calloc((size_t)na + 1, sizeof *ac->col)) ||
	    !(ac->name = PyMem_Calloc((size_t)na + 1, sizeof *ac->name))) {
		attr_columns_free(ac);
		PyErr_NoMemory();
		return -1;
	}
	ac->count = na;
	for (Py_ssize_t k = 0; k < na; k++)
		if (!(ac->name[k] = PyUnicode_AsUTF8(PyList_GET_ITEM(names, k))) ||
		    colreader_init(&ac->col[k], PyList_GET_ITEM(cols, k), n, ac->name[k]) < 0)
			return -1; /* the caller frees */
	return 0;
}

/* Set row i's attributes on element `index`. 0, or -1 with an exception. */
static int attr_columns_set_row(const attr_columns *ac, sm_network *work, sm_element what,
                                int64_t index, Py_ssize_t i)
{
	sm_value v;
	for (Py_ssize_t k = 0; k < ac->count; k++) {
		int rc = colreader_value(&v, &ac->col[k], i);
		if (rc < 0)
			return -1;
		if (rc == 1 && (rc = sm_network_set_attr(work, what, index, ac->name[k], &v)) < 0) {
			raise_row(rc, i);
			return -1;
		}
	}
	return 0;
}

/* Replace the network by the working copy, unless an analysis started on it
 * meanwhile (converting a cell may run Python code, which may release the GIL). */
static int bulk_commit(NetworkObject *self, sm_network *work)
{
	if (check_idle(self) < 0)
		return -1;
	sm_network_free(self->net);
	self->net = work;
	mutated(self);
	return 0;
}

#define SIGNAL_CHECK_ROWS (1 << 20)

/* ---- Network ------------------------------------------------------------- */

static int Network_init(NetworkObject *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"directed", NULL};
	int directed = 0, rc;
	sm_network *net = NULL;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|p", kwlist, &directed))
		return -1;
	if (self->busy > 0) {
		PyErr_SetString(PyExc_RuntimeError, "the network is being analysed");
		return -1;
	}
	if ((rc = sm_network_new(&net, directed != 0)) < 0) {
		raise_status(rc);
		return -1;
	}
	sm_network_free(self->net);
	self->net = net;
	mutated(self);
	return 0;
}

static void Network_dealloc(NetworkObject *self)
{
	if (self->weakrefs)
		PyObject_ClearWeakRefs((PyObject *)self);
	sm_network_free(self->net);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *Network_load(PyObject *cls, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"path", "format", "directed", "max_file_bytes", NULL};
	PyObject *path_obj = NULL;
	const char *path;
	int format = 0, directed = -1, rc;
	long long max_bytes = 0;
	sm_load_options lo;
	sm_network *net = NULL;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "O&|iiL", kwlist, PyUnicode_FSConverter,
	                                 &path_obj, &format, &directed, &max_bytes))
		return NULL;
	path = PyBytes_AS_STRING(path_obj);
	sm_load_options_init(&lo);
	lo.format = (sm_format)format;
	lo.directed = directed;
	lo.max_file_bytes = max_bytes;
	Py_BEGIN_ALLOW_THREADS
	rc = sm_network_load(&net, path, &lo);
	Py_END_ALLOW_THREADS
	Py_DECREF(path_obj);
	if (rc < 0)
		return raise_status(rc);
	return wrap_network((PyTypeObject *)cls, net);
}

static PyObject *Network_loads(PyObject *cls, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"data", "format", "name", "directed", NULL};
	Py_buffer data;
	int format = 0, directed = -1, rc;
	const char *name = NULL;
	sm_load_options lo;
	sm_network *net = NULL;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "s*|izi", kwlist, &data, &format, &name,
	                                 &directed))
		return NULL;
	sm_load_options_init(&lo);
	lo.directed = directed;
	Py_BEGIN_ALLOW_THREADS
	rc = sm_network_load_buffer(&net, data.buf, (size_t)data.len, (sm_format)format, name,
	                            &lo);
	Py_END_ALLOW_THREADS
	PyBuffer_Release(&data);
	if (rc < 0)
		return raise_status(rc);
	return wrap_network((PyTypeObject *)cls, net);
}

static PyObject *Network_save(NetworkObject *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"path", "format", NULL};
	PyObject *path_obj = NULL;
	int format = 0, rc;
	const sm_network *net;

	if (!(net = get_net(self)))
		return NULL;
	if (!PyArg_ParseTupleAndKeywords(args, kw, "O&|i", kwlist, PyUnicode_FSConverter,
	                                 &path_obj, &format))
		return NULL;
	self->busy++;
	Py_BEGIN_ALLOW_THREADS
	rc = sm_network_save(net, PyBytes_AS_STRING(path_obj), (sm_format)format);
	Py_END_ALLOW_THREADS
	self->busy--;
	Py_DECREF(path_obj);
	if (rc < 0)
		return raise_status(rc);
	Py_RETURN_NONE;
}

static PyObject *Network_add_actor(NetworkObject *self, PyObject *args)
{
	const char *id, *label = NULL, *kind = NULL;
	PyObject *names, *values, *res = NULL;
	attr_list attrs;
	int64_t index;
	int rc;

	if (!PyArg_ParseTuple(args, "szzO!O!", &id, &label, &kind, &PyList_Type, &names,
	                      &PyList_Type, &values))
		return NULL;
	if (attr_list_init(&attrs, names, values) < 0)
		return NULL;
	/* Every check before the first change; no Python code runs after it. */
	if (check_idle(self) < 0 || check_attrs(self->net, SM_ACTOR, &attrs) < 0)
		goto done;
	if ((rc = sm_network_add_actor(&index, self->net, id, label, kind)) < 0) {
		raise_status(rc);
		goto done;
	}
	mutated(self);
	if (set_attrs(self->net, SM_ACTOR, index, &attrs) == 0)
		res = PyLong_FromLongLong(index);
done:
	attr_list_free(&attrs);
	return res;
}

static PyObject *Network_add_relationship(NetworkObject *self, PyObject *args)
{
	const char *source, *target, *kind = NULL, *since = NULL, *until = NULL;
	double quality;
	PyObject *names, *values, *res = NULL;
	attr_list attrs;
	int64_t index, s, t;
	int rc;
	int32_t d1 = 0, d2 = 0;
	bool has_since, has_until;

	if (!PyArg_ParseTuple(args, "ssdzzzO!O!", &source, &target, &quality, &kind, &since,
	                      &until, &PyList_Type, &names, &PyList_Type, &values))
		return NULL;
	if (attr_list_init(&attrs, names, values) < 0)
		return NULL;
	has_since = since && *since;
	has_until = until && *until;
	/* Every check before the first change; no Python code runs after it. */
	if (check_idle(self) < 0)
		goto done;
	if ((rc = sm_network_find_actor(&s, self->net, source)) < 0 ||
	    (rc = sm_network_find_actor(&t, self->net, target)) < 0 ||
	    (has_since && (rc = sm_date_parse(&d1, since)) < 0) ||
	    (has_until && (rc = sm_date_parse(&d2, until)) < 0)) {
		raise_status(rc);
		goto done;
	}
	if (has_since && has_until && d2 < d1) {
		raise_message(SM_EINVAL, "until %s is before since %s", until, since);
		goto done;
	}
	if (check_attrs(self->net, SM_RELATIONSHIP, &attrs) < 0)
		goto done;
	if ((rc = sm_network_add_relationship_at(&index, self->net, s, t, quality, kind)) < 0) {
		raise_status(rc);
		goto done;
	}
	mutated(self);
	if ((has_since || has_until) &&
	    (rc = sm_network_set_period(self->net, index, since, until)) < 0) {
		raise_status(rc);
		goto done;
	}
	if (set_attrs(self->net, SM_RELATIONSHIP, index, &attrs) == 0)
		res = PyLong_FromLongLong(index);
done:
	attr_list_free(&attrs);
	return res;
}

static PyObject *Network_set_attr(NetworkObject *self, PyObject *args)
{
	int what, rc;
	long long i;
	const char *name;
	PyObject *value;
	sm_value v;

	if (!PyArg_ParseTuple(args, "iLsO", &what, &i, &name, &value))
		return NULL;
	if ((rc = to_value(&v, value, name)) < 0)
		return NULL;
	if (rc == 0)
		v.type = SM_VALUE_NULL;
	if (check_idle(self) < 0)
		return NULL;
	if ((rc = sm_network_set_attr(self->net, (sm_element)what, i, name, &v)) < 0)
		return raise_status(rc);
	mutated(self);
	Py_RETURN_NONE;
}

/* _bulk_actors(n, ids, labels, kinds, names, columns) */
static PyObject *Network_bulk_actors(NetworkObject *self, PyObject *args)
{
	Py_ssize_t n, i, k;
	PyObject *ids, *labels, *kinds, *names, *cols, *tmp[3] = {NULL, NULL, NULL};
	colreader cid, clabel, ckind;
	attr_columns attrs;
	const char *id, *label, *kind;
	char buf[3][32];
	sm_network *work = NULL;
	int64_t index;
	int rc, ok = 0;

	if (!PyArg_ParseTuple(args, "nOOOO!O!", &n, &ids, &labels, &kinds, &PyList_Type, &names,
	                      &PyList_Type, &cols))
		return NULL;
	if (check_idle(self) < 0)
		return NULL;
	memset(&cid, 0, sizeof cid);
	memset(&clabel, 0, sizeof clabel);
	memset(&ckind, 0, sizeof ckind);
	if (attr_columns_init(&attrs, names, cols, n) < 0)
		goto done;
	if (colreader_init(&cid, ids, n, "id") < 0 || colreader_init(&clabel, labels, n, "label") < 0 ||
	    colreader_init(&ckind, kinds, n, "kind") < 0)
		goto done;
	if (bulk_begin(&work, self) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		if ((i & (SIGNAL_CHECK_ROWS - 1)) == SIGNAL_CHECK_ROWS - 1 && PyErr_CheckSignals() < 0)
			goto done;
		if (colreader_text(&id, &cid, i, &tmp[0], buf[0]) < 0 ||
		    colreader_text(&label, &clabel, i, &tmp[1], buf[1]) < 0 ||
		    colreader_text(&kind, &ckind, i, &tmp[2], buf[2]) < 0)
			goto done;
		if (!id) {
			raise_message(SM_EINVAL, "row %zd: the actor id is missing", i);
			goto done;
		}
		rc = sm_network_add_actor(&index, work, id, label, kind);
		for (k = 0; k < 3; k++)
			Py_CLEAR(tmp[k]);
		if (rc < 0) {
			raise_row(rc, i);
			goto done;
		}
		if (attr_columns_set_row(&attrs, work, SM_ACTOR, index, i) < 0)
			goto done;
	}
	if (bulk_commit(self, work) < 0)
		goto done;
	work = NULL;
	ok = 1;
done:
	for (k = 0; k < 3; k++)
		Py_XDECREF(tmp[k]);
	sm_network_free(work);
	colreader_free(&cid);
	colreader_free(&clabel);
	colreader_free(&ckind);
	attr_columns_free(&attrs);
	if (!ok)
		return NULL;
	return PyLong_FromSsize_t(n);
}

/* _bulk_relationships(n, sources, targets, qualities, kinds, since, until, names, columns) */
static PyObject *Network_bulk_relationships(NetworkObject *self, PyObject *args)
{
	Py_ssize_t n, i, k;
	PyObject *srcs, *tgts, *quals, *kinds, *sinces, *untils, *names, *cols;
	PyObject *tmp[5] = {NULL, NULL, NULL, NULL, NULL};
	colreader cs, ct, cq, ck, c1, c2;
	attr_columns attrs;
	const char *src, *tgt, *kind, *since, *until;
	char buf[5][32];
	sm_network *work = NULL;
	int64_t index;
	double q;
	int rc, ok = 0;

	if (!PyArg_ParseTuple(args, "nOOOOOOO!O!", &n, &srcs, &tgts, &quals, &kinds, &sinces,
	                      &untils, &PyList_Type, &names, &PyList_Type, &cols))
		return NULL;
	if (check_idle(self) < 0)
		return NULL;
	memset(&cs, 0, sizeof cs);
	memset(&ct, 0, sizeof ct);
	memset(&cq, 0, sizeof cq);
	memset(&ck, 0, sizeof ck);
	memset(&c1, 0, sizeof c1);
	memset(&c2, 0, sizeof c2);
	if (attr_columns_init(&attrs, names, cols, n) < 0)
		goto done;
	if (colreader_init(&cs, srcs, n, "source") < 0 || colreader_init(&ct, tgts, n, "target") < 0 ||
	    colreader_init(&cq, quals, n, "quality") < 0 || colreader_init(&ck, kinds, n, "kind") < 0 ||
	    colreader_init(&c1, sinces, n, "since") < 0 || colreader_init(&c2, untils, n, "until") < 0)
		goto done;
	if (bulk_begin(&work, self) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		if ((i & (SIGNAL_CHECK_ROWS - 1)) == SIGNAL_CHECK_ROWS - 1 && PyErr_CheckSignals() < 0)
			goto done;
		if (colreader_text(&src, &cs, i, &tmp[0], buf[0]) < 0 ||
		    colreader_text(&tgt, &ct, i, &tmp[1], buf[1]) < 0 ||
		    colreader_text(&kind, &ck, i, &tmp[2], buf[2]) < 0 ||
		    colreader_text(&since, &c1, i, &tmp[3], buf[3]) < 0 ||
		    colreader_text(&until, &c2, i, &tmp[4], buf[4]) < 0 ||
		    colreader_double(&q, &cq, i, 1.0) < 0)
			goto done;
		if (!src || !tgt) {
			raise_message(SM_EINVAL, "row %zd: the %s is missing", i, src ? "target" : "source");
			goto done;
		}
		rc = sm_network_add_relationship(&index, work, src, tgt, q, kind);
		if (rc == SM_OK && (since || until))
			rc = sm_network_set_period(work, index, since, until);
		for (k = 0; k < 5; k++)
			Py_CLEAR(tmp[k]);
		if (rc < 0) {
			raise_row(rc, i);
			goto done;
		}
		if (attr_columns_set_row(&attrs, work, SM_RELATIONSHIP, index, i) < 0)
			goto done;
	}
	if (bulk_commit(self, work) < 0)
		goto done;
	work = NULL;
	ok = 1;
done:
	for (k = 0; k < 5; k++)
		Py_XDECREF(tmp[k]);
	sm_network_free(work);
	colreader_free(&cs);
	colreader_free(&ct);
	colreader_free(&cq);
	colreader_free(&ck);
	colreader_free(&c1);
	colreader_free(&c2);
	attr_columns_free(&attrs);
	if (!ok)
		return NULL;
	return PyLong_FromSsize_t(n);
}

static Py_ssize_t Network_len(NetworkObject *self)
{
	if (!get_net(self))
		return -1;
	return (Py_ssize_t)sm_network_actor_count(self->net);
}

static PyObject *Network_get_directed(NetworkObject *self, void *closure)
{
	(void)closure;
	if (!get_net(self))
		return NULL;
	return PyBool_FromLong(sm_network_is_directed(self->net));
}

static PyObject *Network_actor_count(NetworkObject *self, PyObject *unused)
{
	(void)unused;
	if (!get_net(self))
		return NULL;
	return PyLong_FromLongLong(sm_network_actor_count(self->net));
}

static PyObject *Network_relationship_count(NetworkObject *self, PyObject *unused)
{
	(void)unused;
	if (!get_net(self))
		return NULL;
	return PyLong_FromLongLong(sm_network_relationship_count(self->net));
}

static PyObject *actor_dict(const sm_network *net, int64_t i)
{
	PyObject *d = PyDict_New(), *o;
	const char *label;

	if (!d)
		return NULL;
	label = sm_network_actor_label(net, i);
	if ((o = str_or_none(sm_network_actor_id(net, i))) == NULL ||
	    PyDict_SetItemString(d, "id", o) < 0)
		goto fail;
	Py_DECREF(o);
	if ((o = str_or_none(label && *label ? label : NULL)) == NULL ||
	    PyDict_SetItemString(d, "label", o) < 0)
		goto fail;
	Py_DECREF(o);
	if ((o = str_or_none(sm_network_actor_kind(net, i))) == NULL ||
	    PyDict_SetItemString(d, "kind", o) < 0)
		goto fail;
	Py_DECREF(o);
	if (attrs_into(d, net, SM_ACTOR, i) < 0) {
		Py_DECREF(d);
		return NULL;
	}
	return d;
fail:
	Py_XDECREF(o);
	Py_DECREF(d);
	return NULL;
}

static PyObject *relationship_dict(const sm_network *net, int64_t r)
{
	sm_relationship rel;
	PyObject *d, *o = NULL;
	int rc;

	if ((rc = sm_network_relationship(&rel, net, r)) < 0)
		return raise_status(rc);
	if (!(d = PyDict_New()))
		return NULL;
#define PUT(key, expr)                                                         \
	do {                                                                   \
		if (!(o = (expr)) || PyDict_SetItemString(d, key, o) < 0)      \
			goto fail;                                             \
		Py_CLEAR(o);                                                   \
	} while (0)
	PUT("source", str_or_none(sm_network_actor_id(net, rel.source)));
	PUT("target", str_or_none(sm_network_actor_id(net, rel.target)));
	PUT("quality", PyFloat_FromDouble(rel.quality));
	PUT("kind", str_or_none(rel.kind && *rel.kind ? rel.kind : NULL));
	PUT("since", date_or_none(rel.since));
	PUT("until", date_or_none(rel.until));
#undef PUT
	if (attrs_into(d, net, SM_RELATIONSHIP, r) < 0)
		goto fail;
	return d;
fail:
	Py_XDECREF(o);
	Py_DECREF(d);
	return NULL;
}

static PyObject *Network_actor(NetworkObject *self, PyObject *arg)
{
	long long i = PyLong_AsLongLong(arg);

	if (i == -1 && PyErr_Occurred())
		return NULL;
	if (!get_net(self))
		return NULL;
	if (i < 0 || i >= sm_network_actor_count(self->net)) {
		PyErr_Format(PyExc_IndexError, "actor index %lld is out of range", i);
		return NULL;
	}
	return actor_dict(self->net, i);
}

static PyObject *Network_relationship(NetworkObject *self, PyObject *arg)
{
	long long i = PyLong_AsLongLong(arg);

	if (i == -1 && PyErr_Occurred())
		return NULL;
	if (!get_net(self))
		return NULL;
	if (i < 0 || i >= sm_network_relationship_count(self->net)) {
		PyErr_Format(PyExc_IndexError, "relationship index %lld is out of range", i);
		return NULL;
	}
	return relationship_dict(self->net, i);
}

/* A list of item(net, i) for i in [0, n). */
static PyObject *list_of(const sm_network *net, int64_t n,
                         PyObject *(*item)(const sm_network *, int64_t))
{
	PyObject *list = PyList_New((Py_ssize_t)n);
	if (!list)
		return NULL;
	for (int64_t i = 0; i < n; i++) {
		PyObject *x = item(net, i);
		if (!x) {
			Py_DECREF(list);
			return NULL;
		}
		PyList_SET_ITEM(list, i, x);
	}
	return list;
}

static PyObject *actor_id_obj(const sm_network *net, int64_t i)
{
	return str_or_none(sm_network_actor_id(net, i));
}

static PyObject *Network_actors_list(NetworkObject *self, PyObject *unused)
{
	(void)unused;
	if (!get_net(self))
		return NULL;
	return list_of(self->net, sm_network_actor_count(self->net), actor_dict);
}

static PyObject *Network_relationships_list(NetworkObject *self, PyObject *unused)
{
	(void)unused;
	if (!get_net(self))
		return NULL;
	return list_of(self->net, sm_network_relationship_count(self->net), relationship_dict);
}

static PyObject *Network_actor_ids(NetworkObject *self, PyObject *unused)
{
	(void)unused;
	if (!get_net(self))
		return NULL;
	return list_of(self->net, sm_network_actor_count(self->net), actor_id_obj);
}

static PyObject *Network_find(NetworkObject *self, PyObject *args)
{
	const char *id;
	int64_t i;
	int rc;

	if (!PyArg_ParseTuple(args, "s", &id) || !get_net(self))
		return NULL;
	if ((rc = sm_network_find_actor(&i, self->net, id)) < 0)
		return raise_status(rc);
	return PyLong_FromLongLong(i);
}

static PyObject *Network_attributes(NetworkObject *self, PyObject *args)
{
	int what;
	int64_t k, n;
	sm_value_type type;
	const char *name;
	static const char *const type_names[] = {"null", "text", "number", "bool"};
	PyObject *d, *o;

	if (!PyArg_ParseTuple(args, "i", &what) || !get_net(self))
		return NULL;
	if (!(d = PyDict_New()))
		return NULL;
	n = sm_network_attr_count(self->net, (sm_element)what);
	for (k = 0; k < n; k++) {
		name = sm_network_attr_name(self->net, (sm_element)what, k, &type);
		if (!name)
			continue;
		o = PyUnicode_FromString(type_names[type <= SM_VALUE_BOOL ? type : 0]);
		if (!o || PyDict_SetItemString(d, name, o) < 0) {
			Py_XDECREF(o);
			Py_DECREF(d);
			return NULL;
		}
		Py_DECREF(o);
	}
	return d;
}

static PyObject *Network_copy(NetworkObject *self, PyObject *unused)
{
	sm_network *out = NULL;
	int rc;

	(void)unused;
	if (!get_net(self))
		return NULL;
	if ((rc = sm_network_copy(&out, self->net)) < 0)
		return raise_status(rc);
	return wrap_network(Py_TYPE(self), out);
}

static PyObject *Network_freeze(NetworkObject *self, PyObject *unused)
{
	int rc;
	const sm_network *net;

	(void)unused;
	if (!(net = get_net(self)))
		return NULL;
	self->busy++;
	Py_BEGIN_ALLOW_THREADS
	rc = sm_network_freeze(net);
	Py_END_ALLOW_THREADS
	self->busy--;
	if (rc < 0)
		return raise_status(rc);
	Py_RETURN_NONE;
}

static PyObject *Network_at(NetworkObject *self, PyObject *args)
{
	const char *date;
	sm_network *out = NULL;
	int rc;

	if (!PyArg_ParseTuple(args, "s", &date) || !get_net(self))
		return NULL;
	if ((rc = sm_network_at(&out, self->net, date)) < 0)
		return raise_status(rc);
	return wrap_network(Py_TYPE(self), out);
}

static PyObject *Network_ego(NetworkObject *self, PyObject *args)
{
	const char *id;
	int radius, direction;
	sm_network *out = NULL;
	int rc;

	if (!PyArg_ParseTuple(args, "sii", &id, &radius, &direction) || !get_net(self))
		return NULL;
	if ((rc = sm_network_ego(&out, self->net, id, radius, (sm_direction)direction)) < 0)
		return raise_status(rc);
	return wrap_network(Py_TYPE(self), out);
}

static int check_selection(NetworkObject *self, PyObject *obj, const char *what,
                           const sm_selection **out)
{
	SelectionObject *s;

	*out = NULL;
	if (obj == Py_None)
		return 0;
	if (!PyObject_TypeCheck(obj, &SelectionType)) {
		PyErr_Format(PyExc_TypeError, "%s must be a Selection", what);
		return -1;
	}
	s = (SelectionObject *)obj;
	if (s->owner != self) {
		raise_message(SM_EINVAL, "%s: the selection was made on another network", what);
		return -1;
	}
	if (s->generation != self->generation) {
		raise_message(SM_EINVAL, "%s: the network changed after the selection was made; "
		              "select again", what);
		return -1;
	}
	*out = s->sel;
	return 0;
}

static PyObject *Network_subgraph(NetworkObject *self, PyObject *args)
{
	PyObject *selobj;
	const sm_selection *sel;
	sm_network *out = NULL;
	int rc;

	if (!PyArg_ParseTuple(args, "O", &selobj) || !get_net(self))
		return NULL;
	if (check_selection(self, selobj, "subgraph", &sel) < 0)
		return NULL;
	if (!sel) {
		PyErr_SetString(PyExc_TypeError, "subgraph needs a Selection");
		return NULL;
	}
	if ((rc = sm_network_subgraph(&out, self->net, sel)) < 0)
		return raise_status(rc);
	return wrap_network(Py_TYPE(self), out);
}

static PyObject *wrap_selection(NetworkObject *self, sm_selection *sel)
{
	SelectionObject *obj = PyObject_GC_New(SelectionObject, &SelectionType);

	if (!obj) {
		sm_selection_free(sel);
		return NULL;
	}
	obj->sel = sel;
	obj->owner = (NetworkObject *)Py_NewRef(self);
	obj->generation = self->generation;
	PyObject_GC_Track(obj);
	return (PyObject *)obj;
}

static PyObject *Network_select(NetworkObject *self, PyObject *args)
{
	const char *expr;
	sm_selection *sel = NULL;
	int rc;

	if (!PyArg_ParseTuple(args, "s", &expr) || !get_net(self))
		return NULL;
	if ((rc = sm_select(&sel, self->net, expr)) < 0)
		return raise_status_cls(rc, NULL, selection_error);
	return wrap_selection(self, sel);
}

static PyObject *Network_select_ids(NetworkObject *self, PyObject *args)
{
	PyObject *ids, *seq = NULL, *res = NULL, *item;
	Py_ssize_t n, k;
	int64_t *idx = NULL;
	sm_selection *sel = NULL;
	const char *id;
	int rc;

	if (!PyArg_ParseTuple(args, "O", &ids) || !get_net(self))
		return NULL;
	if (!(seq = PySequence_Fast(ids, "ids must be an iterable of actor ids")))
		return NULL;
	n = PySequence_Fast_GET_SIZE(seq);
	if (!(idx = PyMem_Calloc((size_t)n + 1, sizeof *idx))) {
		PyErr_NoMemory();
		goto done;
	}
	for (k = 0; k < n; k++) {
		item = PySequence_Fast_GET_ITEM(seq, k);
		if (!PyUnicode_Check(item)) {
			PyErr_Format(PyExc_TypeError, "actor ids are text, not %s",
			             Py_TYPE(item)->tp_name);
			goto done;
		}
		if (!(id = PyUnicode_AsUTF8(item)))
			goto done;
		if ((rc = sm_network_find_actor(&idx[k], self->net, id)) < 0) {
			raise_status(rc);
			goto done;
		}
	}
	if ((rc = sm_selection_from_indices(&sel, self->net, idx, (size_t)n)) < 0) {
		raise_status(rc);
		goto done;
	}
	res = wrap_selection(self, sel);
done:
	PyMem_Free(idx);
	Py_DECREF(seq);
	return res;
}

static PyObject *Network_summary(NetworkObject *self, PyObject *unused)
{
	sm_summary s;
	const sm_network *net;
	PyObject *hist;
	int rc;

	(void)unused;
	if (!(net = get_net(self)))
		return NULL;
	self->busy++;
	Py_BEGIN_ALLOW_THREADS
	rc = sm_network_summarize(&s, net);
	Py_END_ALLOW_THREADS
	self->busy--;
	if (rc < 0)
		return raise_status(rc);
	hist = Py_BuildValue("(LLLLL)", (long long)s.quality_histogram[0],
	                     (long long)s.quality_histogram[1], (long long)s.quality_histogram[2],
	                     (long long)s.quality_histogram[3], (long long)s.quality_histogram[4]);
	if (!hist)
		return NULL;
	return Py_BuildValue(
		"{s:L,s:L,s:O,s:L,s:L,s:d,s:L,s:L,s:L,s:L,s:d,s:d,s:d,s:d,s:d,s:N,s:L,s:N,s:N}",
		"actors", (long long)s.actors, "relationships", (long long)s.relationships,
		"directed", s.directed ? Py_True : Py_False, "pairs", (long long)s.pairs,
		"multi_relationships", (long long)s.multi_relationships, "density", s.density,
		"components", (long long)s.components, "largest_component",
		(long long)s.largest_component, "strong_components", (long long)s.strong_components,
		"isolated", (long long)s.isolated, "mean_degree", s.mean_degree, "quality_min",
		s.quality_min, "quality_max", s.quality_max, "quality_mean", s.quality_mean,
		"quality_median", s.quality_median, "quality_histogram", hist, "dated",
		(long long)s.dated, "first_date", date_or_none(s.first_date), "last_date",
		date_or_none(s.last_date));
}

static PyObject *Network_count_by(NetworkObject *self, PyObject *args)
{
	const char *attr;
	sm_table *t = NULL;
	int rc;

	if (!PyArg_ParseTuple(args, "s", &attr) || !get_net(self))
		return NULL;
	if ((rc = sm_network_count_by(&t, self->net, attr)) < 0)
		return raise_status(rc);
	return wrap_table(t);
}

/* ---- analyses ---------------------------------------------------------- */

static PyObject *Network_centrality(NetworkObject *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"measures", "weighted", "distance", "combine", "normalized",
	                         "mode", "damping", "cutoff", "samples", "seed", "threads",
	                         "progress", NULL};
	sm_centrality_options o;
	unsigned int measures = 0;
	PyObject *measures_obj = Py_None, *progress = Py_None;
	int weighted = 1, distance = 0, combine = 0, normalized = 1, mode = 0, threads = 0, rc;
	long long samples = 0;
	unsigned long long seed = 0;
	double damping = 0.85, cutoff = 0.0;
	const sm_network *net;
	sm_table *t = NULL;
	progress_ctx p;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|OpiipiddLKiO", kwlist, &measures_obj,
	                                 &weighted, &distance, &combine, &normalized, &mode,
	                                 &damping, &cutoff, &samples, &seed, &threads, &progress))
		return NULL;
	if (!(net = get_net(self)))
		return NULL;
	if (PyUnicode_Check(measures_obj)) {
		if ((rc = sm_measure_parse(&measures, PyUnicode_AsUTF8(measures_obj))) < 0)
			return raise_status(rc);
	} else if (measures_obj != Py_None) {
		unsigned long m = PyLong_AsUnsignedLong(measures_obj);
		if (m == (unsigned long)-1 && PyErr_Occurred())
			return NULL;
		measures = (unsigned int)m;
	}
	sm_centrality_options_init(&o);
	o.measures = measures;
	o.weighted = weighted != 0;
	o.distance = (sm_distance)distance;
	o.combine = (sm_combine)combine;
	o.normalized = normalized != 0;
	o.mode = (sm_mode)mode;
	o.damping = damping;
	o.cutoff = cutoff;
	o.samples = samples;
	o.seed = seed;
	o.threads = threads;
	o.progress = progress_trampoline;
	o.progress_user = &p;
	self->busy++;
	progress_begin(&p, progress);
	rc = sm_centrality(&t, net, &o);
	progress_end(&p);
	self->busy--;
	if (rc < 0)
		return progress_fail(&p, rc);
	progress_clear(&p);
	return wrap_table(t);
}

static PyObject *Network_brokerage(NetworkObject *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"by", "groups", "weighted", "combine", "progress", NULL};
	sm_brokerage_options o;
	const char *by = NULL, *groups = NULL;
	int weighted = 1, combine = 0, rc;
	PyObject *progress = Py_None;
	const sm_network *net;
	sm_table *t = NULL;
	progress_ctx p;

	if (!PyArg_ParseTupleAndKeywords(args, kw, "|zzpiO", kwlist, &by, &groups, &weighted,
	                                 &combine, &progress))
		return NULL;
	if (!(net = get_net(self)))
		return NULL;
	sm_brokerage_options_init(&o);
	o.by = by;
	o.groups = groups;
	o.weighted = weighted != 0;
	o.combine = (sm_combine)combine;
	o.progress = progress_trampoline;
	o.progress_user = &p;
	self->busy++;
	progress_begin(&p, progress);
	rc = sm_brokerage(&t, net, &o);
	progress_end(&p);
	self->busy--;
	if (rc < 0)
		return progress_fail(&p, rc);
	progress_clear(&p);
	return wrap_table(t);
}

static PyObject *Network_bubbles(NetworkObject *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"by", "resolution", "seed", "iterations", "diversity_of",
	                         "stance", "sides", "walk_top", "ei_threshold",
	                         "diversity_threshold", "min_size", "top", "combine", "weighted",
	                         "progress", NULL};
	sm_bubbles_options o;
	sm_bubbles_result *res = NULL;
	const sm_network *net;
	PyObject *progress = Py_None, *out;
	int combine = 0, weighted = 1, rc;
	progress_ctx p;

	sm_bubbles_options_init(&o);
	{
		unsigned long long seed = o.seed;
		long long iterations = o.iterations, walk_top = o.walk_top, min_size = o.min_size,
		          top = o.top;
		if (!PyArg_ParseTupleAndKeywords(args, kw, "|zdKLzzzLddLLipO", kwlist, &o.by,
		                                 &o.resolution, &seed, &iterations, &o.diversity_of,
		                                 &o.stance, &o.sides, &walk_top, &o.ei_threshold,
		                                 &o.diversity_threshold, &min_size, &top, &combine,
		                                 &weighted, &progress))
			return NULL;
		o.seed = seed;
		o.iterations = iterations;
		o.walk_top = walk_top;
		o.min_size = min_size;
		o.top = top;
	}
	if (!(net = get_net(self)))
		return NULL;
	o.combine = (sm_combine)combine;
	o.weighted = weighted != 0;
	o.progress = progress_trampoline;
	o.progress_user = &p;
	self->busy++;
	progress_begin(&p, progress);
	rc = sm_bubbles(&res, net, &o);
	progress_end(&p);
	self->busy--;
	if (rc < 0)
		return progress_fail(&p, rc);
	progress_clear(&p);
	/* The tables change owner one by one, so a failure part-way leaks nothing. */
	out = Py_BuildValue("{s:N,s:N,s:N,s:N,s:N,s:d,s:d,s:L,s:L,s:K}",
	                    "groups", wrap_table(res->groups), "actors", wrap_table(res->actors),
	                    "mixing", wrap_table(res->mixing), "assortativity",
	                    wrap_table(res->assortativity), "controversy",
	                    wrap_table(res->controversy), "modularity", res->modularity,
	                    "controversy_score", res->controversy_score, "group_count",
	                    (long long)res->group_count, "bubble_count",
	                    (long long)res->bubble_count, "seed", (unsigned long long)res->seed);
	res->groups = res->actors = res->mixing = res->assortativity = res->controversy = NULL;
	sm_bubbles_result_free(res);
	return out;
}

static PyObject *Network_gaps(NetworkObject *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"focal", "hops", "min_quality", "first_hop", "avoid", "at",
	                         "target_by", "standing_by", "weak_quality", "suspects",
	                         "recommend", "assumed_quality", "resolution", "seed", "combine",
	                         "progress", NULL};
	sm_gaps_options o;
	sm_gaps_result *res = NULL;
	const sm_network *net;
	const sm_selection *focal, *first_hop, *avoid;
	PyObject *focal_obj, *first_obj = Py_None, *avoid_obj = Py_None, *progress = Py_None, *out;
	int combine = 0, rc;
	progress_ctx p;

	sm_gaps_options_init(&o);
	{
		long long hops = o.hops, suspects = o.suspects, recommend = o.recommend;
		unsigned long long seed = o.seed;
		if (!PyArg_ParseTupleAndKeywords(args, kw, "O|LdOOzzzdLLddKiO", kwlist, &focal_obj,
		                                 &hops, &o.min_quality, &first_obj, &avoid_obj, &o.at,
		                                 &o.target_by, &o.standing_by, &o.weak_quality,
		                                 &suspects, &recommend, &o.assumed_quality,
		                                 &o.resolution, &seed, &combine, &progress))
			return NULL;
		o.hops = hops;
		o.suspects = suspects;
		o.recommend = recommend;
		o.seed = seed;
	}
	if (!(net = get_net(self)))
		return NULL;
	if (check_selection(self, focal_obj, "focal", &focal) < 0 ||
	    check_selection(self, first_obj, "first_hop", &first_hop) < 0 ||
	    check_selection(self, avoid_obj, "avoid", &avoid) < 0)
		return NULL;
	if (!focal) {
		PyErr_SetString(PyExc_TypeError, "focal must be a Selection");
		return NULL;
	}
	o.first_hop = first_hop;
	o.avoid = avoid;
	o.combine = (sm_combine)combine;
	o.progress = progress_trampoline;
	o.progress_user = &p;
	self->busy++;
	progress_begin(&p, progress);
	rc = sm_gaps(&res, net, focal, &o);
	progress_end(&p);
	self->busy--;
	if (rc < 0)
		return progress_fail(&p, rc);
	progress_clear(&p);
	out = Py_BuildValue("{s:N,s:N,s:N,s:N,s:L,s:L,s:L,s:d,s:d,s:d,s:L,s:L,s:K}",
	                    "actors", wrap_table(res->actors), "coverage",
	                    wrap_table(res->coverage), "suspects", wrap_table(res->suspects),
	                    "recommendations", wrap_table(res->recommendations), "actors_total",
	                    (long long)res->actors_total, "focal_count",
	                    (long long)res->focal_count, "reached_count",
	                    (long long)res->reached_count, "mean_quality", res->mean_quality,
	                    "diversity_gap", res->diversity_gap, "objective", res->objective,
	                    "evaluations", (long long)res->evaluations, "evaluations_plain",
	                    (long long)res->evaluations_plain, "seed",
	                    (unsigned long long)res->seed);
	res->actors = res->coverage = res->suspects = res->recommendations = NULL;
	sm_gaps_result_free(res);
	return out;
}

static PyObject *Network_layout(NetworkObject *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"algorithm", "seed", "iterations", "progress", NULL};
	sm_layout_options o;
	const sm_network *net;
	sm_table *t = NULL;
	PyObject *progress = Py_None;
	int algorithm = 0, rc;
	unsigned long long seed;
	long long iterations;
	progress_ctx p;

	sm_layout_options_init(&o);
	seed = o.seed;
	iterations = o.iterations;
	if (!PyArg_ParseTupleAndKeywords(args, kw, "|iKLO", kwlist, &algorithm, &seed,
	                                 &iterations, &progress))
		return NULL;
	if (!(net = get_net(self)))
		return NULL;
	o.algorithm = (sm_layout_algorithm)algorithm;
	o.seed = seed;
	o.iterations = iterations;
	o.progress = progress_trampoline;
	o.progress_user = &p;
	self->busy++;
	progress_begin(&p, progress);
	rc = sm_layout(&t, net, &o);
	progress_end(&p);
	self->busy--;
	if (rc < 0)
		return progress_fail(&p, rc);
	progress_clear(&p);
	return wrap_table(t);
}

/* _report(path or None, title, focal, colour_by, size_by, target_by, top, max_actors, seed,
 * progress): writes the file, or returns the HTML text when path is None. */
static PyObject *Network_report(NetworkObject *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"path", "title", "focal", "colour_by", "size_by", "target_by",
	                         "top", "max_actors", "seed", "progress", NULL};
	sm_report_options o;
	const sm_network *net;
	PyObject *path_obj = Py_None, *path_bytes = NULL, *progress = Py_None, *out;
	long long top, max_actors;
	unsigned long long seed;
	char *html = NULL;
	size_t size = 0;
	int rc;
	progress_ctx p;

	sm_report_options_init(&o);
	top = o.top;
	max_actors = o.max_actors;
	seed = o.seed;
	if (!PyArg_ParseTupleAndKeywords(args, kw, "|OzzzzzLLKO", kwlist, &path_obj, &o.title,
	                                 &o.focal, &o.colour_by, &o.size_by, &o.target_by, &top,
	                                 &max_actors, &seed, &progress))
		return NULL;
	if (!(net = get_net(self)))
		return NULL;
	if (path_obj != Py_None && !PyUnicode_FSConverter(path_obj, &path_bytes))
		return NULL;
	o.top = top;
	o.max_actors = max_actors;
	o.seed = seed;
	o.progress = progress_trampoline;
	o.progress_user = &p;
	self->busy++;
	progress_begin(&p, progress);
	if (path_bytes)
		rc = sm_report_write(net, PyBytes_AS_STRING(path_bytes), &o);
	else
		rc = sm_report_html(&html, &size, net, &o);
	progress_end(&p);
	self->busy--;
	Py_XDECREF(path_bytes);
	if (rc < 0)
		return progress_fail(&p, rc);
	progress_clear(&p);
	if (!html)
		Py_RETURN_NONE;
	out = PyUnicode_DecodeUTF8(html, (Py_ssize_t)size, "replace");
	sm_free(html);
	return out;
}

static PyMethodDef Network_methods[] = {
	{"_load", (PyCFunction)(void (*)(void))Network_load, METH_VARARGS | METH_KEYWORDS | METH_CLASS,
	 "_load(path, format=0, directed=-1, max_file_bytes=0) -> network"},
	{"_loads", (PyCFunction)(void (*)(void))Network_loads,
	 METH_VARARGS | METH_KEYWORDS | METH_CLASS,
	 "_loads(data, format, name=None, directed=-1) -> network"},
	{"_save", (PyCFunction)(void (*)(void))Network_save, METH_VARARGS | METH_KEYWORDS,
	 "_save(path, format=0)"},
	{"_add_actor", (PyCFunction)Network_add_actor, METH_VARARGS,
	 "_add_actor(id, label, kind, names, values) -> index"},
	{"_add_relationship", (PyCFunction)Network_add_relationship, METH_VARARGS,
	 "_add_relationship(source, target, quality, kind, since, until, names, values) -> index"},
	{"_set_attr", (PyCFunction)Network_set_attr, METH_VARARGS,
	 "_set_attr(what, index, name, value)"},
	{"_bulk_actors", (PyCFunction)Network_bulk_actors, METH_VARARGS,
	 "_bulk_actors(n, ids, labels, kinds, names, columns) -> n"},
	{"_bulk_relationships", (PyCFunction)Network_bulk_relationships, METH_VARARGS,
	 "_bulk_relationships(n, sources, targets, qualities, kinds, since, until, names, "
	 "columns) -> n"},
	{"_actor_count", (PyCFunction)Network_actor_count, METH_NOARGS, NULL},
	{"_relationship_count", (PyCFunction)Network_relationship_count, METH_NOARGS, NULL},
	{"_actor", (PyCFunction)Network_actor, METH_O, "_actor(i) -> dict"},
	{"_relationship", (PyCFunction)Network_relationship, METH_O, "_relationship(i) -> dict"},
	{"_actors_list", (PyCFunction)Network_actors_list, METH_NOARGS, NULL},
	{"_relationships_list", (PyCFunction)Network_relationships_list, METH_NOARGS, NULL},
	{"_actor_ids", (PyCFunction)Network_actor_ids, METH_NOARGS, NULL},
	{"_find", (PyCFunction)Network_find, METH_VARARGS, "_find(id) -> index"},
	{"_attributes", (PyCFunction)Network_attributes, METH_VARARGS,
	 "_attributes(what) -> {name: type}"},
	{"_copy", (PyCFunction)Network_copy, METH_NOARGS, NULL},
	{"_freeze", (PyCFunction)Network_freeze, METH_NOARGS, NULL},
	{"_at", (PyCFunction)Network_at, METH_VARARGS, NULL},
	{"_ego", (PyCFunction)Network_ego, METH_VARARGS, NULL},
	{"_subgraph", (PyCFunction)Network_subgraph, METH_VARARGS, NULL},
	{"_select", (PyCFunction)Network_select, METH_VARARGS, NULL},
	{"_select_ids", (PyCFunction)Network_select_ids, METH_VARARGS, NULL},
	{"_summary", (PyCFunction)Network_summary, METH_NOARGS, NULL},
	{"_count_by", (PyCFunction)Network_count_by, METH_VARARGS, NULL},
	{"_centrality", (PyCFunction)(void (*)(void))Network_centrality,
	 METH_VARARGS | METH_KEYWORDS, NULL},
	{"_brokerage", (PyCFunction)(void (*)(void))Network_brokerage,
	 METH_VARARGS | METH_KEYWORDS, NULL},
	{"_bubbles", (PyCFunction)(void (*)(void))Network_bubbles, METH_VARARGS | METH_KEYWORDS,
	 NULL},
	{"_gaps", (PyCFunction)(void (*)(void))Network_gaps, METH_VARARGS | METH_KEYWORDS, NULL},
	{"_layout", (PyCFunction)(void (*)(void))Network_layout, METH_VARARGS | METH_KEYWORDS,
	 NULL},
	{"_report", (PyCFunction)(void (*)(void))Network_report, METH_VARARGS | METH_KEYWORDS,
	 NULL},
	{NULL, NULL, 0, NULL}
};

static PyGetSetDef Network_getset[] = {
	{"directed", (getter)Network_get_directed, NULL, "Whether relationships have a direction.",
	 NULL},
	{NULL, NULL, NULL, NULL, NULL}
};

static PySequenceMethods Network_as_sequence = {
	.sq_length = (lenfunc)Network_len,
};

static PyTypeObject NetworkType = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "stakemap._stakemap._Network",
	.tp_basicsize = sizeof(NetworkObject),
	.tp_dealloc = (destructor)Network_dealloc,
	.tp_as_sequence = &Network_as_sequence,
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
	.tp_doc = "The C network handle under stakemap.Network.",
	.tp_weaklistoffset = offsetof(NetworkObject, weakrefs),
	.tp_methods = Network_methods,
	.tp_getset = Network_getset,
	.tp_init = (initproc)Network_init,
	.tp_new = PyType_GenericNew,
};

/* ---- Selection --------------------------------------------------------- */

static int Selection_traverse(SelectionObject *self, visitproc visit, void *arg)
{
	Py_VISIT(self->owner);
	return 0;
}

static int Selection_clear(SelectionObject *self)
{
	Py_CLEAR(self->owner);
	return 0;
}

static void Selection_dealloc(SelectionObject *self)
{
	PyObject_GC_UnTrack(self);
	sm_selection_free(self->sel);
	self->sel = NULL;
	Selection_clear(self);
	PyObject_GC_Del(self);
}

static Py_ssize_t Selection_len(SelectionObject *self)
{
	return (Py_ssize_t)sm_selection_count(self->sel);
}

static int Selection_valid(SelectionObject *self)
{
	if (!self->owner || self->owner->generation != self->generation || !self->owner->net) {
		raise_message(SM_EINVAL,
		              "the network changed after the selection was made; select again");
		return -1;
	}
	return 0;
}

static int Selection_contains(SelectionObject *self, PyObject *key)
{
	const char *id;
	int64_t i;

	if (Selection_valid(self) < 0)
		return -1;
	if (PyLong_Check(key)) {
		i = PyLong_AsLongLong(key);
		if (i == -1 && PyErr_Occurred())
			return -1;
		return i >= 0 && sm_selection_contains(self->sel, i);
	}
	if (!PyUnicode_Check(key))
		return 0;
	if (!(id = PyUnicode_AsUTF8(key)))
		return -1;
	if (sm_network_find_actor(&i, self->owner->net, id) != SM_OK)
		return 0;
	return sm_selection_contains(self->sel, i);
}

static PyObject *Selection_ids(SelectionObject *self, PyObject *unused)
{
	const int64_t *idx;
	size_t n, k;
	PyObject *list, *s;

	(void)unused;
	if (Selection_valid(self) < 0)
		return NULL;
	idx = sm_selection_indices(self->sel, &n);
	if (!(list = PyList_New((Py_ssize_t)n)))
		return NULL;
	for (k = 0; k < n; k++) {
		if (!(s = str_or_none(sm_network_actor_id(self->owner->net, idx[k])))) {
			Py_DECREF(list);
			return NULL;
		}
		PyList_SET_ITEM(list, (Py_ssize_t)k, s);
	}
	return list;
}

static PyObject *Selection_indices(SelectionObject *self, PyObject *unused)
{
	const int64_t *idx;
	size_t n, k;
	PyObject *list, *o;

	(void)unused;
	idx = sm_selection_indices(self->sel, &n);
	if (!(list = PyList_New((Py_ssize_t)n)))
		return NULL;
	for (k = 0; k < n; k++) {
		if (!(o = PyLong_FromLongLong(idx[k]))) {
			Py_DECREF(list);
			return NULL;
		}
		PyList_SET_ITEM(list, (Py_ssize_t)k, o);
	}
	return list;
}

static PyObject *Selection_iter(SelectionObject *self)
{
	PyObject *ids = Selection_ids(self, NULL), *it;

	if (!ids)
		return NULL;
	it = PyObject_GetIter(ids);
	Py_DECREF(ids);
	return it;
}

static PyObject *Selection_get_network(SelectionObject *self, void *closure)
{
	(void)closure;
	return Py_NewRef(self->owner ? (PyObject *)self->owner : Py_None);
}

static PyMethodDef Selection_methods[] = {
	{"ids", (PyCFunction)Selection_ids, METH_NOARGS,
	 "ids() -> list[str]\n\nThe ids of the selected actors, in actor order."},
	{"indices", (PyCFunction)Selection_indices, METH_NOARGS,
	 "indices() -> list[int]\n\nThe 0-based indices of the selected actors, ascending."},
	{NULL, NULL, 0, NULL}
};

static PyGetSetDef Selection_getset[] = {
	{"network", (getter)Selection_get_network, NULL, "The network the selection was made on.",
	 NULL},
	{NULL, NULL, NULL, NULL, NULL}
};

static PySequenceMethods Selection_as_sequence = {
	.sq_length = (lenfunc)Selection_len,
	.sq_contains = (objobjproc)Selection_contains,
};

static PyObject *Selection_repr(SelectionObject *self)
{
	return PyUnicode_FromFormat("<stakemap.Selection of %zd actors>", Selection_len(self));
}

static PyTypeObject SelectionType = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "stakemap.Selection",
	.tp_basicsize = sizeof(SelectionObject),
	.tp_dealloc = (destructor)Selection_dealloc,
	.tp_repr = (reprfunc)Selection_repr,
	.tp_as_sequence = &Selection_as_sequence,
	.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
	.tp_doc = "A set of actors of one network, made by Network.select(expr) or\n"
	          "Network.selection(ids).\n\n"
	          "len(sel) is the number of actors; iterating gives their ids in actor order;\n"
	          "`id in sel` tests membership. A selection belongs to the network it was made\n"
	          "on, and is stale once that network changes (using it then raises\n"
	          "InvalidArgumentError).",
	.tp_traverse = (traverseproc)Selection_traverse,
	.tp_clear = (inquiry)Selection_clear,
	.tp_iter = (getiterfunc)Selection_iter,
	.tp_methods = Selection_methods,
	.tp_getset = Selection_getset,
};

/* ---- Table ---------------------------------------------------------------- */

static void Table_dealloc(TableObject *self)
{
	if (self->weakrefs)
		PyObject_ClearWeakRefs((PyObject *)self);
	sm_table_free(self->t);
	PyObject_Free(self);
}

static Py_ssize_t Table_len(TableObject *self)
{
	return (Py_ssize_t)sm_table_rows(self->t);
}

static PyObject *Table_get_columns(TableObject *self, void *closure)
{
	size_t c, n = sm_table_columns(self->t);
	PyObject *tuple, *s;

	(void)closure;
	if (!(tuple = PyTuple_New((Py_ssize_t)n)))
		return NULL;
	for (c = 0; c < n; c++) {
		if (!(s = str_or_none(sm_table_column_name(self->t, c)))) {
			Py_DECREF(tuple);
			return NULL;
		}
		PyTuple_SET_ITEM(tuple, (Py_ssize_t)c, s);
	}
	return tuple;
}

static PyObject *Table_get_types(TableObject *self, void *closure)
{
	static const char *const names[] = {"double", "int64", "string", "bool"};
	size_t c, n = sm_table_columns(self->t);
	PyObject *tuple, *s;
	sm_column_type type;

	(void)closure;
	if (!(tuple = PyTuple_New((Py_ssize_t)n)))
		return NULL;
	for (c = 0; c < n; c++) {
		type = sm_table_column_type(self->t, c);
		if (!(s = PyUnicode_FromString(names[type <= SM_COLUMN_BOOL ? type : 0]))) {
			Py_DECREF(tuple);
			return NULL;
		}
		PyTuple_SET_ITEM(tuple, (Py_ssize_t)c, s);
	}
	return tuple;
}

static PyObject *Table_get_notes(TableObject *self, void *closure)
{
	size_t k, n = sm_table_note_count(self->t);
	const char *key;
	PyObject *d, *v;

	(void)closure;
	if (!(d = PyDict_New()))
		return NULL;
	for (k = 0; k < n; k++) {
		if (!(key = sm_table_note_key(self->t, k)))
			continue;
		if (!(v = str_or_none(sm_table_note(self->t, key))) ||
		    PyDict_SetItemString(d, key, v) < 0) {
			Py_XDECREF(v);
			Py_DECREF(d);
			return NULL;
		}
		Py_DECREF(v);
	}
	return d;
}

static PyObject *cell(const sm_table *t, size_t c, size_t r)
{
	double d;
	int64_t i;
	const char *s;
	bool b;

	switch (sm_table_column_type(t, c)) {
	case SM_COLUMN_DOUBLE:
		sm_table_get_double(&d, t, c, r);
		return PyFloat_FromDouble(d);
	case SM_COLUMN_INT64:
		sm_table_get_int64(&i, t, c, r);
		return PyLong_FromLongLong(i);
	case SM_COLUMN_STRING:
		sm_table_get_string(&s, t, c, r);
		return str_or_none(s);
	case SM_COLUMN_BOOL:
		sm_table_get_bool(&b, t, c, r);
		return PyBool_FromLong(b);
	}
	Py_RETURN_NONE;
}

static int find_column(size_t *c, const sm_table *t, PyObject *name)
{
	const char *s = PyUnicode_AsUTF8(name);

	if (!s)
		return -1;
	if (sm_table_find_column(c, t, s) != SM_OK) {
		PyErr_Format(PyExc_KeyError, "no column '%s'", s);
		return -1;
	}
	return 0;
}

static PyObject *Table_row(TableObject *self, PyObject *arg)
{
	Py_ssize_t r = PyLong_AsSsize_t(arg), rows = Table_len(self);
	size_t c, n = sm_table_columns(self->t);
	PyObject *d, *v;

	if (r == -1 && PyErr_Occurred())
		return NULL;
	if (r < 0)
		r += rows;
	if (r < 0 || r >= rows) {
		PyErr_SetString(PyExc_IndexError, "row index out of range");
		return NULL;
	}
	if (!(d = PyDict_New()))
		return NULL;
	for (c = 0; c < n; c++) {
		if (!(v = cell(self->t, c, (size_t)r)) ||
		    PyDict_SetItemString(d, sm_table_column_name(self->t, c), v) < 0) {
			Py_XDECREF(v);
			Py_DECREF(d);
			return NULL;
		}
		Py_DECREF(v);
	}
	return d;
}

static PyObject *Table_to_dicts(TableObject *self, PyObject *unused)
{
	Py_ssize_t r, rows = Table_len(self);
	PyObject *list, *d, *idx;

	(void)unused;
	if (!(list = PyList_New(rows)))
		return NULL;
	for (r = 0; r < rows; r++) {
		if (!(idx = PyLong_FromSsize_t(r)))
			goto fail;
		d = Table_row(self, idx);
		Py_DECREF(idx);
		if (!d)
			goto fail;
		PyList_SET_ITEM(list, r, d);
	}
	return list;
fail:
	Py_DECREF(list);
	return NULL;
}

/* column_list(name) -> list: the column as Python objects (a copy). */
static PyObject *Table_column_list(TableObject *self, PyObject *name)
{
	size_t c, r, rows = sm_table_rows(self->t);
	PyObject *list, *v;

	if (find_column(&c, self->t, name) < 0)
		return NULL;
	if (!(list = PyList_New((Py_ssize_t)rows)))
		return NULL;
	for (r = 0; r < rows; r++) {
		if (!(v = cell(self->t, c, r))) {
			Py_DECREF(list);
			return NULL;
		}
		PyList_SET_ITEM(list, (Py_ssize_t)r, v);
	}
	return list;
}

/* column_buffer(name) -> buffer object, or None for text columns. */
static PyObject *Table_column_buffer(TableObject *self, PyObject *name)
{
	size_t c;
	ColumnObject *col;
	sm_column_type type;

	if (find_column(&c, self->t, name) < 0)
		return NULL;
	type = sm_table_column_type(self->t, c);
	if (type == SM_COLUMN_STRING)
		Py_RETURN_NONE;
	if (!(col = PyObject_New(ColumnObject, &ColumnType)))
		return NULL;
	col->table = (TableObject *)Py_NewRef(self);
	col->col = c;
	col->shape = (Py_ssize_t)sm_table_rows(self->t);
	col->format[1] = '\0';
	switch (type) {
	case SM_COLUMN_DOUBLE:
		col->format[0] = 'd';
		col->itemsize = (Py_ssize_t)sizeof(double);
		break;
	case SM_COLUMN_INT64:
		col->format[0] = 'q';
		col->itemsize = (Py_ssize_t)sizeof(int64_t);
		break;
	default:
		col->format[0] = '?';
		col->itemsize = (Py_ssize_t)sizeof(bool);
		break;
	}
	return (PyObject *)col;
}

static PyObject *Table_sort(TableObject *self, PyObject *args)
{
	const char *column;
	int descending = 1, rc;

	if (!PyArg_ParseTuple(args, "s|p", &column, &descending))
		return NULL;
	if (self->exports > 0) {
		PyErr_SetString(PyExc_BufferError,
		                "the table's columns are in use as arrays; sort a copy");
		return NULL;
	}
	if ((rc = sm_table_sort(self->t, column, descending != 0)) < 0)
		return raise_status(rc);
	Py_RETURN_NONE;
}

static PyObject *Table_truncate(TableObject *self, PyObject *arg)
{
	Py_ssize_t n = PyLong_AsSsize_t(arg);

	if (n == -1 && PyErr_Occurred())
		return NULL;
	if (n < 0)
		return raise_message(SM_EINVAL, "n %zd: must be >= 0", n);
	if (self->exports > 0) {
		PyErr_SetString(PyExc_BufferError,
		                "the table's columns are in use as arrays; truncate a copy");
		return NULL;
	}
	sm_table_truncate(self->t, (size_t)n);
	Py_RETURN_NONE;
}

static PyObject *Table_write(TableObject *self, PyObject *args)
{
	PyObject *path_obj;
	int format, digits, rc;

	if (!PyArg_ParseTuple(args, "O&ii", PyUnicode_FSConverter, &path_obj, &format, &digits))
		return NULL;
	self->exports++; /* no sort or truncate while the file is written */
	Py_BEGIN_ALLOW_THREADS
	rc = sm_table_write_file(self->t, PyBytes_AS_STRING(path_obj), (sm_table_format)format,
	                         digits);
	Py_END_ALLOW_THREADS
	self->exports--;
	Py_DECREF(path_obj);
	if (rc < 0)
		return raise_status(rc);
	Py_RETURN_NONE;
}

static PyObject *Table_format(TableObject *self, PyObject *args)
{
	int format, digits, rc;
	char *text = NULL;
	size_t size = 0;
	FILE *f;
	PyObject *out;

	if (!PyArg_ParseTuple(args, "ii", &format, &digits))
		return NULL;
	if (!(f = open_memstream(&text, &size)))
		return PyErr_NoMemory();
	rc = sm_table_write_stream(self->t, f, (sm_table_format)format, digits);
	if (fclose(f) != 0 && rc == SM_OK) {
		free(text);
		return PyErr_NoMemory();
	}
	if (rc < 0) {
		free(text);
		return raise_status(rc);
	}
	out = PyUnicode_DecodeUTF8(text ? text : "", (Py_ssize_t)size, "replace");
	free(text);
	return out;
}

static PyMethodDef Table_methods[] = {
	{"_row", (PyCFunction)Table_row, METH_O, NULL},
	{"to_dicts", (PyCFunction)Table_to_dicts, METH_NOARGS,
	 "to_dicts() -> list[dict]\n\nEvery row as a dict {column: value}, in row order. Doubles\n"
	 "are float (NaN where the value is missing), int64 int, string str or None, bool bool."},
	{"_column_list", (PyCFunction)Table_column_list, METH_O, NULL},
	{"_column_buffer", (PyCFunction)Table_column_buffer, METH_O, NULL},
	{"_sort", (PyCFunction)Table_sort, METH_VARARGS, NULL},
	{"_truncate", (PyCFunction)Table_truncate, METH_O, NULL},
	{"_write", (PyCFunction)Table_write, METH_VARARGS, NULL},
	{"_format", (PyCFunction)Table_format, METH_VARARGS, NULL},
	{NULL, NULL, 0, NULL}
};

static PyGetSetDef Table_getset[] = {
	{"columns", (getter)Table_get_columns, NULL, "The column names, in order (a tuple).", NULL},
	{"types", (getter)Table_get_types, NULL,
	 "The column types, in order: 'double', 'int64', 'string' or 'bool'.", NULL},
	{"notes", (getter)Table_get_notes, NULL,
	 "How the table was made, as {key: text} (e.g. {'seed': '42'}).", NULL},
	{NULL, NULL, NULL, NULL, NULL}
};

static PySequenceMethods Table_as_sequence = {
	.sq_length = (lenfunc)Table_len,
};

static PyTypeObject TableType = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "stakemap._stakemap._Table",
	.tp_basicsize = sizeof(TableObject),
	.tp_dealloc = (destructor)Table_dealloc,
	.tp_as_sequence = &Table_as_sequence,
	.tp_flags = Py_TPFLAGS_DEFAULT,
	.tp_doc = "The C table handle under stakemap.Table.",
	.tp_weaklistoffset = offsetof(TableObject, weakrefs),
	.tp_methods = Table_methods,
	.tp_getset = Table_getset,
};

/* ---- column buffers --------------------------------------------------------- */

static void Column_dealloc(ColumnObject *self)
{
	Py_XDECREF(self->table);
	PyObject_Free(self);
}

static int Column_getbuffer(ColumnObject *self, Py_buffer *view, int flags)
{
	static double empty;
	const char *name = sm_table_column_name(self->table->t, self->col);
	const void *data = NULL;

	if (flags & PyBUF_WRITABLE) {
		PyErr_SetString(PyExc_BufferError, "table columns are read-only");
		return -1;
	}
	if (!name) {
		PyErr_SetString(PyExc_BufferError, "the column is gone");
		return -1;
	}
	switch (self->format[0]) {
	case 'd':
		data = sm_table_column_double(self->table->t, name, NULL);
		break;
	case 'q':
		data = sm_table_column_int64(self->table->t, name, NULL);
		break;
	default:
		data = sm_table_column_bool(self->table->t, name, NULL);
		break;
	}
	self->shape = (Py_ssize_t)sm_table_rows(self->table->t);
	view->buf = (void *)(data ? data : &empty);
	view->obj = Py_NewRef(self);
	view->len = self->shape * self->itemsize;
	view->readonly = 1;
	view->itemsize = self->itemsize;
	view->format = (flags & PyBUF_FORMAT) ? self->format : NULL;
	view->ndim = 1;
	view->shape = (flags & PyBUF_ND) ? &self->shape : NULL;
	view->strides = (flags & PyBUF_STRIDES) ? &self->itemsize : NULL;
	view->suboffsets = NULL;
	view->internal = NULL;
	self->table->exports++;
	return 0;
}

static void Column_releasebuffer(ColumnObject *self, Py_buffer *view)
{
	(void)view;
	self->table->exports--;
}

static PyBufferProcs Column_as_buffer = {
	.bf_getbuffer = (getbufferproc)Column_getbuffer,
	.bf_releasebuffer = (releasebufferproc)Column_releasebuffer,
};

static PyTypeObject ColumnType = {
	PyVarObject_HEAD_INIT(NULL, 0)
	.tp_name = "stakemap._stakemap._Column",
	.tp_basicsize = sizeof(ColumnObject),
	.tp_dealloc = (destructor)Column_dealloc,
	.tp_as_buffer = &Column_as_buffer,
	.tp_flags = Py_TPFLAGS_DEFAULT,
	.tp_doc = "A read-only buffer over one numeric column of a table (keeps it alive).",
};

/* ---- module functions ------------------------------------------------------- */

static PyObject *mod_set_error_classes(PyObject *mod, PyObject *args)
{
	PyObject *classes, *sel;

	(void)mod;
	if (!PyArg_ParseTuple(args, "O!O", &PyDict_Type, &classes, &sel))
		return NULL;
	Py_XSETREF(error_classes, Py_NewRef(classes));
	Py_XSETREF(selection_error, Py_NewRef(sel));
	Py_RETURN_NONE;
}

static PyObject *mod_kinds(PyObject *mod, PyObject *unused)
{
	size_t k, n = sm_kind_count();
	PyObject *list, *item;

	(void)mod;
	(void)unused;
	if (!(list = PyList_New((Py_ssize_t)n)))
		return NULL;
	for (k = 0; k < n; k++) {
		if (!(item = Py_BuildValue("(ss)", sm_kind_name(k), sm_kind_description(k)))) {
			Py_DECREF(list);
			return NULL;
		}
		PyList_SET_ITEM(list, (Py_ssize_t)k, item);
	}
	return list;
}

static PyObject *mod_version(PyObject *mod, PyObject *unused)
{
	(void)mod;
	(void)unused;
	return PyUnicode_FromString(sm_version());
}

static PyObject *mod_measure_parse(PyObject *mod, PyObject *args)
{
	const char *list;
	unsigned int bits;
	int rc;

	(void)mod;
	if (!PyArg_ParseTuple(args, "s", &list))
		return NULL;
	if ((rc = sm_measure_parse(&bits, list)) < 0)
		return raise_status(rc);
	return PyLong_FromUnsignedLong(bits);
}

static PyObject *mod_measure_names(PyObject *mod, PyObject *unused)
{
	unsigned int bit;
	PyObject *list = PyList_New(0), *s;

	(void)mod;
	(void)unused;
	if (!list)
		return NULL;
	for (bit = 1; bit & SM_MEASURE_ALL; bit <<= 1) {
		if (!(s = str_or_none(sm_measure_name((sm_measure)bit))) || PyList_Append(list, s) < 0) {
			Py_XDECREF(s);
			Py_DECREF(list);
			return NULL;
		}
		Py_DECREF(s);
	}
	return list;
}

static PyObject *mod_validate(PyObject *mod, PyObject *args)
{
	PyObject *path_obj, *list, *item;
	sm_problem_list *problems = NULL;
	sm_load_options lo;
	int directed = -1, rc;
	size_t k, n;
	const sm_error *e;

	(void)mod;
	if (!PyArg_ParseTuple(args, "O&|i", PyUnicode_FSConverter, &path_obj, &directed))
		return NULL;
	sm_load_options_init(&lo);
	lo.directed = directed;
	Py_BEGIN_ALLOW_THREADS
	rc = sm_validate(&problems, PyBytes_AS_STRING(path_obj), &lo);
	Py_END_ALLOW_THREADS
	Py_DECREF(path_obj);
	if (rc < 0)
		return raise_status(rc);
	n = sm_problem_list_count(problems);
	if (!(list = PyList_New((Py_ssize_t)n)))
		goto done;
	for (k = 0; k < n; k++) {
		e = sm_problem_list_get(problems, k);
		item = Py_BuildValue("{s:i,s:s,s:z,s:L,s:L}", "code", e->code, "message", e->message,
		                     "file", e->file, "line", (long long)e->line, "column",
		                     (long long)e->column);
		if (!item) {
			Py_CLEAR(list);
			goto done;
		}
		PyList_SET_ITEM(list, (Py_ssize_t)k, item);
	}
done:
	sm_problem_list_free(problems);
	return list;
}

static PyMethodDef module_methods[] = {
	{"_set_error_classes", mod_set_error_classes, METH_VARARGS, NULL},
	{"kinds", mod_kinds, METH_NOARGS,
	 "kinds() -> list[tuple[str, str]]\n\nThe built-in actor kinds with their descriptions."},
	{"version", mod_version, METH_NOARGS,
	 "version() -> str\n\nThe version of the linked libstakemap (MAJOR.MINOR.PATCH)."},
	{"measure_parse", mod_measure_parse, METH_VARARGS, NULL},
	{"measure_names", mod_measure_names, METH_NOARGS, NULL},
	{"validate", mod_validate, METH_VARARGS, NULL},
	{NULL, NULL, 0, NULL}
};

static struct PyModuleDef module_def = {
	PyModuleDef_HEAD_INIT,
	.m_name = "stakemap._stakemap",
	.m_doc = "The C extension under the stakemap package (use `import stakemap`).",
	.m_size = -1,
	.m_methods = module_methods,
};

PyMODINIT_FUNC PyInit__stakemap(void);

PyMODINIT_FUNC PyInit__stakemap(void)
{
	PyObject *m;

	if (PyType_Ready(&NetworkType) < 0 || PyType_Ready(&TableType) < 0 ||
	    PyType_Ready(&SelectionType) < 0 || PyType_Ready(&ColumnType) < 0)
		return NULL;
	if (!(m = PyModule_Create(&module_def)))
		return NULL;
	if (PyModule_AddObjectRef(m, "_Network", (PyObject *)&NetworkType) < 0 ||
	    PyModule_AddObjectRef(m, "_Table", (PyObject *)&TableType) < 0 ||
	    PyModule_AddObjectRef(m, "Selection", (PyObject *)&SelectionType) < 0 ||
	    PyModule_AddStringConstant(m, "__version__", SM_VERSION_STRING) < 0 ||
	    PyModule_AddIntConstant(m, "MEASURE_ALL", SM_MEASURE_ALL) < 0) {
		Py_DECREF(m);
		return NULL;
	}
	return m;
}
