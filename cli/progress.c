/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A progress bar on stderr for long analyses, passed to the library as an
 * sm_progress_fn. Drawn only when stderr is a terminal, so logs and pipes
 * never see carriage returns. Ctrl-C can be turned into a clean cancel.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define BAR_WIDTH 30

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	interrupted = 1;
	/* A second Ctrl-C ends the process the usual way. */
	signal(sig, SIG_DFL);
}

void cli_progress_catch_interrupt(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
}

void cli_progress_init(cli_progress *p, bool quiet)
{
	p->enabled = !quiet && isatty(STDERR_FILENO);
	p->stage = NULL;
	p->shown = -1;
}

int cli_progress_update(double fraction, const char *stage, void *user)
{
	cli_progress *p = user;
	int pct, filled, i;

	if (interrupted)
		return 1;
	if (p == NULL || !p->enabled)
		return 0;
	if (!(fraction >= 0.0))
		fraction = 0.0;
	if (fraction > 1.0)
		fraction = 1.0;
	pct = (int)(fraction * 100.0);
	if (stage == NULL)
		stage = "";
	if (pct == p->shown && p->stage && strcmp(p->stage, stage) == 0)
		return 0;
	filled = (int)(fraction * BAR_WIDTH);
	fprintf(stderr, "\r%-16.16s [", stage);
	for (i = 0; i < BAR_WIDTH; i++)
		fputc(i < filled ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%%", pct);
	fflush(stderr);
	p->stage = stage;
	p->shown = pct;
	return 0;
}

void cli_progress_done(cli_progress *p)
{
	if (p->enabled && p->shown >= 0) {
		/* Blank the line: stage, brackets, bar, percentage. */
		fprintf(stderr, "\r%*s\r", 16 + 2 + BAR_WIDTH + 6, "");
		fflush(stderr);
	}
	p->stage = NULL;
	p->shown = -1;
}
