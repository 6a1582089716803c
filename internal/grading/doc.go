// SPDX-License-Identifier: Apache-2.0

// Package grading holds the test of the exercises' grading pipeline: nbgrader 0.9.6 with the GoNB
// kernel, driven by scripts/ejercicios/ejercicios.py in a temporary course folder configured by
// ejercicios/nbgrader_config.py (the same files `make ejercicios` uses).
//
// TestNbgrader (grading_test.go), for the sample assignment testdata/muestra/muestra.ipynb and
// every exercise notebook of notebooks/ with a fixture of typical mistakes,
// testdata/NAME.errores.json (only generate_assignment for one without it). Measured on an idle
// 2-core machine: generate_assignment about 5 s per notebook, autograde of the three submissions
// 50 s for the sample (40 of them the endless loop's time limit), 36 s for notebook 03 and 38 s
// for 04, generate_feedback about 3 s; the whole test about 2.5 min (several times that on a
// loaded machine):
//   - generate_assignment: the students' copy keeps every cell and its nbgrader metadata, has no
//     outputs, every answer holds the course's stub, and no solution or hidden-test marker or line
//     is left;
//   - autograde of three submissions: the solutions (full marks), the students' copy as it is
//     (zero, every cell run: no crash) and the typical mistakes (the fixture's points, check by
//     check, the expected messages in the outputs, the student's answers kept);
//   - generate_feedback: a Spanish HTML report per student, without scripts, with the same scores.
//
// With -short only generate_assignment runs. Missing tooling (python with nbgrader, the GoNB
// kernel) skips the test, or fails it with NEURONAS_NOTEBOOK_TESTS=1 (see nbtest.Missing).
// NEURONAS_NOTEBOOKS limits the notebooks of notebooks/ as in the other notebook tests (the
// sample assignment always runs). A fixture's "tiempo_por_celda" is the autograder's per-cell
// time limit for that assignment (NEURONAS_EJERCICIOS_TIMEOUT).
package grading
