# SPDX-License-Identifier: Apache-2.0
# Configuración de nbgrader para los ejercicios del curso (nbgrader 0.9.6, kernel GoNB).
#
# Esta carpeta es la «carpeta del curso» de nbgrader: las órdenes de nbgrader se ejecutan aquí
# (`cd ejercicios && nbgrader autograde ...`) o con `make ejercicios`. Lo que nbgrader genera
# (source/, release/, submitted/, autograded/, feedback/, gradebook.db) no se guarda en git.
#
# Es también la única definición de qué es una solución: scripts/handouts/build.py lee este
# fichero para quitar las soluciones de las copias de los alumnos exactamente como nbgrader.
# Las convenciones de los cuadernos de ejercicios están en ejercicios/README.md.
import os

c = get_config()  # noqa: F821 (traitlets lo define al cargar el fichero)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

c.CourseDirectory.course_id = "modelos-neuronales"
c.CourseDirectory.root = HERE
# Las tareas: una por cuaderno de ejercicios de notebooks/ (scripts/ejercicios/ejercicios.py las
# copia a source/NOMBRE/).
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(HERE, "gradebook.db")

# La primera celda de los cuadernos enlaza el módulo del curso en ${NEURONAS_MODULE}; al corregir,
# el cuaderno está en autograded/ALUMNO/TAREA/, no en notebooks/, así que se le indica aquí
# (el kernel hereda el entorno de nbgrader). En la imagen ya viene puesto (/opt/neuronas).
os.environ.setdefault("NEURONAS_MODULE", ROOT)

# --- Soluciones ---------------------------------------------------------------------------------
# En las celdas de código de Go las marcas van como comentarios, dentro del cuerpo de una función
# o de la parte «%%» de la celda:
#       // ### BEGIN SOLUTION
#       ...
#       // ### END SOLUTION
# nbgrader cambia ese trozo por el código de abajo, con la sangría de la marca. `panic` termina
# la función, así que la copia del alumno compila aunque la función devuelva algo; la corrección
# de un ejercicio sin responder da 0 y sigue con el siguiente.
SOLUTION_STUB = '// TU CÓDIGO AQUÍ\npanic("ejercicio sin responder: escribe tu solución en lugar de esta línea")'
c.ClearSolutions.code_stub = {"go": SOLUTION_STUB}
c.ClearSolutions.text_stub = "ESCRIBE AQUÍ TU RESPUESTA"
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
# Pruebas ocultas en las celdas de comprobación: // ### BEGIN HIDDEN TESTS ... // ### END HIDDEN TESTS
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"

# --- Corrección automática ------------------------------------------------------------------------
# Cada celda tiene un tiempo máximo (NEURONAS_EJERCICIOS_TIMEOUT, en segundos); si se pasa, GoNB
# interrumpe el programa de la celda, esa celda cuenta como error (0 puntos) y la corrección sigue
# con la siguiente. Las comprobaciones con entrenamiento necesitan más que las demás.
c.Execute.timeout = int(os.environ.get("NEURONAS_EJERCICIOS_TIMEOUT", "180"))
c.Execute.interrupt_on_timeout = True
c.Execute.error_on_timeout = {
    "ename": "TiempoAgotado",
    "evalue": "",
    "traceback": [
        f"TiempoAgotado: la celda no terminó en {c.Execute.timeout} s y se ha interrumpido "
        "(¿un bucle que no acaba?); cuenta como error y la corrección sigue con la siguiente celda."
    ],
}
# Una celda con error no para la corrección (nbgrader ejecuta siempre con allow_errors): esa parte
# vale 0 y se corrige el resto.

# --- Informes para los alumnos (generate_feedback), en español -----------------------------------
c.HTMLExporter.template_name = "retroalimentacion"
c.HTMLExporter.extra_template_basedirs = [os.path.join(HERE, "plantillas")]
c.HTMLExporter.language_code = "es"

# --- Intercambio con los alumnos (release_assignment, fetch_assignment, submit, collect) ----------
# Solo en un JupyterHub: una carpeta compartida por el profesor y todos los alumnos
# (docker/hub/README.md). NEURONAS_NBGRADER_EXCHANGE la indica; por defecto, la de nbgrader.
if os.environ.get("NEURONAS_NBGRADER_EXCHANGE"):
    c.Exchange.root = os.environ["NEURONAS_NBGRADER_EXCHANGE"]
c.Exchange.timezone = "Europe/Madrid"
