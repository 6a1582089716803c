// SPDX-License-Identifier: Apache-2.0

// Package nbtest is the notebook test harness: the tests that run the course's notebooks
// (notebooks/*.ipynb) and the shared code they use. It lives here, outside notebooks/, so that
// the students' folder holds only the course.
//
// The tests (this folder's *_test.go files):
//
//	TestNotebooks   runs every notebook headless through the GoNB kernel (run_notebook.py,
//	                nbclient) and compares its outputs with the committed ones (see Compare).
//	                A students' copy of an exercise notebook (in the course's image, where
//	                docker/test.sh runs this test) runs instead as nbgrader's blank submission.
//	TestHandouts    builds the handouts and the students' copies (scripts/handouts/build.py) and
//	                checks them; a copy runs as part of TestNotebooks' execution when its code is
//	                the notebook's (see SameCode), otherwise on its own.
//	TestBrowser     runs every notebook in JupyterLab in headless Chromium (jupyterlab_e2e.py,
//	                Playwright) and checks what the page shows, the file browser, the Spanish
//	                interface and gopls completion and hover.
//	TestBrowserAnswer  a student answers an exercise in JupyterLab (answer_e2e.py): in the students'
//	                copy of 03-ejercicios-I (build.py --only alumnos) the check of exercise 1 says
//	                it is unanswered, the solution typed with the keyboard passes it, and a typical
//	                wrong answer gets its hint (TestCheckAnswer tests that judgement without a browser).
//	TestQuotedNumbers  checks, without a kernel, that every number the Markdown of a committed
//	                notebook quotes (three significant digits or more) appears in that notebook's
//	                outputs, rounded as quoted.
//	TestSitio       builds the course website (scripts/sitio/build.py) and opens every page in
//	                headless Chromium (sitio_e2e.py): no console error, no request outside the site,
//	                every figure, the search; TestSitioBadInput: broken notebooks fail its build.
//	TestRISE        the project's JupyterLab lists jupyterlab-rise (slides), enabled and compatible.
//	TestDiapositivasMetadata  the lecture notebooks' slide metadata is what scripts/diapositivas/
//	                diapositivas.py writes (`make diapositivas` after editing their text).
//	TestDiapositivas  presents the lecture notebooks with RISE in headless Chromium at 1280×720
//	                (rise_e2e.py): every slide and fragment, none taller or wider than the screen, a
//	                training run from its slide; a notebook without slide metadata still presents.
//
// Each notebook is executed once per test binary by the kernel ([Executed] shares the run), and
// once more in the browser. Nothing is written into the repository except NEURONAS_UPDATE_NOTEBOOKS
// (`make notebooks`) and the browser test's screenshots in the ignored folder .artefactos/.
//
// Missing tooling (python, the kernel, Chromium, poppler) skips a test, or fails it with
// NEURONAS_NOTEBOOK_TESTS=1 (see [Missing]). The tooling is installed by scripts/setup.sh (`make setup`).
//
// Environment:
//
//	NEURONAS_NOTEBOOK_TESTS=1   missing tooling fails instead of skipping
//	NEURONAS_NOTEBOOKS          only the notebooks whose names start with these prefixes (e.g. "00-,01-")
//	NEURONAS_VENV               the project's venv (default <repo>/.venv), with the "gonb" kernel
//	NEURONAS_PYTHON             python with nbclient, nbconvert, playwright (default $NEURONAS_VENV/bin/python)
//	NEURONAS_CHROMIUM           browser executable (default: chromium, chromium-browser or google-chrome on PATH)
//	NEURONAS_CELL_TIMEOUT       per-cell timeout of the kernel runs, in seconds (default 600)
//	NEURONAS_UPDATE_NOTEBOOKS=1 TestNotebooks rewrites each notebook with its fresh outputs
//	NEURONAS_BROWSER_TESTS=0    skip TestBrowser and TestSitio's browser part (its own variables are in browser_test.go)
//	NEURONAS_ARTEFACTS          folder for the browser's screenshots (default <repo>/.artefactos)
package nbtest
