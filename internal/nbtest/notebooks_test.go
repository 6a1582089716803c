// SPDX-License-Identifier: Apache-2.0

package nbtest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"neuronas/internal/nbtest"
)

// TestNotebooks runs every notebook of notebooks/ through the GoNB kernel (nbtest.Executed: in
// its own folder, as JupyterLab does) and fails if a cell produced an error, the run was
// interrupted, or the outputs differ from the committed ones (nbtest.Compare). With
// NEURONAS_UPDATE_NOTEBOOKS=1 (`make notebooks`) it rewrites each notebook that ran without
// errors with its fresh outputs instead of comparing.
func TestNotebooks(t *testing.T) {
	update := os.Getenv("NEURONAS_UPDATE_NOTEBOOKS") == "1"
	for _, path := range nbtest.Notebooks(t) {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".ipynb"), func(t *testing.T) {
			committed := nbtest.Read(t, path)
			run := nbtest.Executed(t, path)
			if errs := run.Problems(); len(errs) > 0 {
				// Cells after the failure were not run, so their outputs are not compared.
				for _, e := range errs {
					t.Error(e)
				}
				t.FailNow()
			}
			if update {
				if err := os.WriteFile(path, run.Raw, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("%s reescrito con las salidas nuevas", filepath.Base(path))
				return
			}
			for _, diff := range nbtest.Compare(committed, run.Notebook) {
				t.Error(diff)
			}
		})
	}
}
