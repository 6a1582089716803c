# SPDX-License-Identifier: Apache-2.0
# JupyterHub del curso para un servidor: un contenedor de la imagen del curso por estudiante.
#
# Lo arranca docker/hub/run.sh (`make hub`), que prepara el entorno y fija estas variables; el
# README de esta carpeta explica cada ajuste y cómo cambiarlo (los límites, con sus medidas).
#
#   NEURONAS_HUB_IMAGEN      imagen del curso de cada estudiante (neuronas:local)
#   NEURONAS_HUB_RED         red de contenedores de los estudiantes (neuronas-hub)
#   NEURONAS_HUB_PASARELA    IP de esta máquina en esa red: por ella llegan los contenedores a la API
#                            del Hub (la fija run.sh)
#   NEURONAS_HUB_URL         dirección en la que escucha el proxy (http://127.0.0.1:8000)
#   NEURONAS_HUB_PUERTO_API  puerto de la API del Hub, para los contenedores (8081)
#   NEURONAS_HUB_PUERTO_PROXY puerto de la API del proxy, en 127.0.0.1 (8001)
#   NEURONAS_HUB_ESTADO      carpeta de la base de datos, los secretos y el registro
#   NEURONAS_HUB_ALUMNOS     fichero con un nombre de usuario por línea (# para comentarios)
#   NEURONAS_HUB_PROFESORES  administradores, separados por comas (profesor)
#   NEURONAS_HUB_CLAVE       contraseña común de los estudiantes (autenticador de prueba)
#   NEURONAS_HUB_CLAVE_ADMIN contraseña de los administradores (32 caracteres o más)
#   NEURONAS_HUB_MEMORIA     límite de memoria por estudiante (2G)
#   NEURONAS_HUB_CPU         límite de CPU por estudiante, en núcleos (1)
#   NEURONAS_HUB_INACTIVO    segundos sin actividad tras los que se para un servidor (3600)
#   NEURONAS_HUB_ACTIVIDAD   cada cuántos segundos se anota la actividad de los servidores (300)
#   NEURONAS_HUB_CHP         programa configurable-http-proxy
#   NEURONAS_HUB_PREFIJO     prefijo de los contenedores y volúmenes de los estudiantes (neuronas-hub)
#   NEURONAS_HUB_TOKEN_ADMIN token de la API del Hub para scripts, con permisos de administración
#
# Para conectar el autenticador del campus (LDAP, OAuth/OIDC, SAML...), ver «Autenticación» en
# docker/hub/README.md: se cambia solo el bloque «Autenticación» de este fichero.
import os
import sys

c = get_config()  # noqa: F821 - lo define JupyterHub al leer este fichero


def setting(name, default=None):
    value = os.environ.get(name, "").strip()
    return value or default


def integer(name, default):
    value = setting(name, str(default))
    try:
        return int(value)
    except ValueError:
        sys.exit(f"{name}={value!r} no es un número entero; p. ej. {name}={default}")


state_dir = setting("NEURONAS_HUB_ESTADO", os.path.join(os.getcwd(), "estado"))
os.makedirs(state_dir, mode=0o700, exist_ok=True)

# --- Hub y proxy -------------------------------------------------------------------------------
# El proxy (configurable-http-proxy) atiende a los navegadores en NEURONAS_HUB_URL, en HTTP: el
# HTTPS lo pone delante el proxy inverso del campus (ver README). La API del Hub escucha en el
# puerto NEURONAS_HUB_PUERTO_API de todas las interfaces porque los contenedores llegan a ella por la pasarela de su
# red (su puerta de enlace), que en podman no existe hasta que arranca el primero; cierra ese puerto hacia fuera en el
# cortafuegos (solo lo usan los contenedores de esta máquina).
c.JupyterHub.bind_url = setting("NEURONAS_HUB_URL", "http://127.0.0.1:8000")
api_port = integer("NEURONAS_HUB_PUERTO_API", 8081)
c.JupyterHub.hub_bind_url = f"http://0.0.0.0:{api_port}"
c.JupyterHub.hub_connect_url = f"http://127.0.0.1:{api_port}"  # el proxy y los servicios
# La API del proxy, solo en esta máquina.
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{integer('NEURONAS_HUB_PUERTO_PROXY', 8001)}"
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state_dir, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state_dir, "cookie_secret")
c.ConfigurableHTTPProxy.command = [setting("NEURONAS_HUB_CHP", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = os.path.join(state_dir, "proxy.pid")
c.JupyterHub.pid_file = os.path.join(state_dir, "jupyterhub.pid")
# Al parar el Hub, los servidores de los estudiantes siguen en marcha (y se recuperan al volver).
c.JupyterHub.cleanup_servers = False
# Cada cuánto anota el Hub la actividad que ve el proxy (el culler decide con ella).
activity = integer("NEURONAS_HUB_ACTIVIDAD", 300)
c.JupyterHub.last_activity_interval = activity

# --- Servidores de los estudiantes: un contenedor por estudiante --------------------------------
c.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"
c.DockerSpawner.image = setting("NEURONAS_HUB_IMAGEN", "neuronas:local")
# La imagen se construye o se carga en esta máquina (make docker-save / docker load): nunca se
# descarga al arrancar un estudiante.
c.DockerSpawner.pull_policy = "never"
c.DockerSpawner.network_name = setting("NEURONAS_HUB_RED", "neuronas-hub")
c.DockerSpawner.use_internal_ip = True
c.DockerSpawner.hub_connect_url = f"http://{setting('NEURONAS_HUB_PASARELA', '127.0.0.1')}:{api_port}"
# La orden: el punto de entrada de la imagen copia los cuadernos del curso que falten al volumen
# del estudiante y después arranca su servidor.
c.DockerSpawner.cmd = ["jupyterhub-singleuser"]
c.DockerSpawner.notebook_dir = "/opt/neuronas/notebooks"
c.Spawner.default_url = "/lab"
# El trabajo de cada estudiante, en su propio volumen con nombre: sobrevive a parar su servidor,
# al culler y a una imagen nueva (el contenedor se borra al parar; el volumen no).
prefix = setting("NEURONAS_HUB_PREFIJO", "neuronas-hub")
c.DockerSpawner.volumes = {prefix + "-{username}": "/opt/neuronas/notebooks"}
c.DockerSpawner.remove = True
c.DockerSpawner.name_template = prefix + "-{username}"
# Límites por estudiante (medidos: ver «Dimensionado» en el README). Go ajusta GOMAXPROCS al
# límite de CPU del contenedor; pkg/nn para una celda que se acerca al límite de memoria con un
# mensaje, antes de que el sistema mate el programa.
c.DockerSpawner.mem_limit = setting("NEURONAS_HUB_MEMORIA", "2G")
c.DockerSpawner.cpu_limit = float(setting("NEURONAS_HUB_CPU", "1"))
c.DockerSpawner.extra_host_config = {
    "cap_drop": ["ALL"],
    "security_opt": ["no-new-privileges:true"],
    "pids_limit": 1024,
}
# La primera vez el contenedor copia los cuadernos y JupyterLab tarda en importar sus módulos.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 120
c.Spawner.environment = {
    # Cada cuánto cuenta su actividad al Hub el servidor del estudiante.
    "JUPYTERHUB_ACTIVITY_INTERVAL": str(activity),
}

# --- Servidores inactivos: jupyterhub-idle-culler -----------------------------------------------
# Para el servidor de quien lleve NEURONAS_HUB_INACTIVO segundos sin actividad (su contenedor se
# borra; sus cuadernos siguen en su volumen y vuelven al entrar de nuevo).
idle = integer("NEURONAS_HUB_INACTIVO", 3600)
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={idle}",
            f"--cull-every={max(5, min(300, idle // 4))}",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]

# Un token de administración para scripts (NEURONAS_HUB_TOKEN_ADMIN): con él la prueba de punta a
# punta y la medida de carga crean estudiantes, arrancan y paran servidores y piden tokens; un
# profesor puede usarlo igual, p. ej. para arrancar los servidores de la clase antes de empezar.
admin_token = setting("NEURONAS_HUB_TOKEN_ADMIN")
if admin_token:
    c.JupyterHub.services.append({"name": "gestion", "api_token": admin_token})
    c.JupyterHub.load_roles.append({"name": "admin", "services": ["gestion"]})

# --- Autenticación ----------------------------------------------------------------------------
# Para una prueba: una contraseña común para los estudiantes de la lista y otra para los
# profesores (SharedPasswordAuthenticator, de JupyterHub). Con ella quien sepa la contraseña puede
# entrar como cualquier estudiante: para un curso de verdad cambia este bloque por el autenticador
# del campus (README, «Autenticación»). Las listas de estudiantes y profesores valen igual para él.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = setting("NEURONAS_HUB_CLAVE")
c.SharedPasswordAuthenticator.admin_password = setting("NEURONAS_HUB_CLAVE_ADMIN")


def read_roster(path):
    if not path:
        return set()
    try:
        with open(path, encoding="utf-8") as f:
            lines = [line.split("#", 1)[0].strip() for line in f]
    except OSError as e:
        sys.exit(f"NEURONAS_HUB_ALUMNOS={path!r}: no se puede leer la lista de estudiantes ({e})")
    return {line for line in lines if line}


c.Authenticator.allowed_users = read_roster(setting("NEURONAS_HUB_ALUMNOS"))
c.Authenticator.admin_users = {
    p.strip() for p in setting("NEURONAS_HUB_PROFESORES", "profesor").split(",") if p.strip()
}
