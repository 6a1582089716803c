// SPDX-License-Identifier: Apache-2.0
// Búsqueda del sitio del curso (buscar.html). Busca en window.NEURONAS_INDICE, que carga
// recursos/indice.js (lo escribe scripts/sitio/build.py): sin peticiones, así que funciona también
// abriendo el sitio desde el disco (file://). Una celda es un resultado si contiene todas las
// palabras de la consulta, sin importar tildes ni mayúsculas.
(function () {
  "use strict";
  var indice = window.NEURONAS_INDICE || { paginas: [], celdas: [] };
  var MAX = 50;

  // Minúsculas y sin tildes, carácter a carácter (la posición de cada letra no cambia, para poder
  // marcar las coincidencias en el texto original).
  function normaliza(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s[i].normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
      out += c.length === 1 ? c : s[i].toLowerCase().charAt(0);
    }
    return out;
  }

  var celdas = indice.celdas.map(function (c) {
    return { c: c, x: normaliza(c.x), s: normaliza(c.s) };
  });

  function cuenta(texto, palabra) {
    var n = 0, i = texto.indexOf(palabra);
    while (i >= 0) { n++; i = texto.indexOf(palabra, i + palabra.length); }
    return n;
  }

  function busca(consulta) {
    var palabras = normaliza(consulta).split(/\s+/).filter(Boolean);
    if (!palabras.length) return { palabras: palabras, res: [] };
    var res = [];
    celdas.forEach(function (e) {
      var puntos = 0;
      for (var i = 0; i < palabras.length; i++) {
        var n = cuenta(e.x, palabras[i]) + 3 * cuenta(e.s, palabras[i]);
        if (!n) return;
        puntos += n;
      }
      res.push({ e: e, puntos: puntos });
    });
    res.sort(function (a, b) { return b.puntos - a.puntos || a.e.c.p - b.e.c.p || a.e.c.n - b.e.c.n; });
    return { palabras: palabras, res: res };
  }

  // Añade a el texto[desde, hasta) con las palabras marcadas con <mark>.
  function marca(el, texto, norm, palabras, desde, hasta) {
    var i = desde;
    while (i < hasta) {
      var mejor = -1, largo = 0;
      palabras.forEach(function (p) {
        var j = norm.indexOf(p, i);
        if (j >= 0 && j < hasta && (mejor < 0 || j < mejor)) { mejor = j; largo = p.length; }
      });
      if (mejor < 0) { el.appendChild(document.createTextNode(texto.slice(i, hasta))); return; }
      el.appendChild(document.createTextNode(texto.slice(i, mejor)));
      var m = document.createElement("mark");
      m.textContent = texto.slice(mejor, Math.min(mejor + largo, hasta));
      el.appendChild(m);
      i = mejor + largo;
    }
  }

  function muestra(consulta) {
    var estado = document.getElementById("estado");
    var lista = document.getElementById("resultados");
    lista.textContent = "";
    var r = busca(consulta);
    if (!r.palabras.length) {
      estado.textContent = "Escribe una o más palabras: se muestran las celdas que las contienen todas.";
      return;
    }
    var total = r.res.length;
    estado.textContent = total === 0 ? "Ningún resultado para «" + consulta + "»." :
      (total === 1 ? "1 resultado" : total + " resultados") + " para «" + consulta + "»" +
      (total > MAX ? " (se muestran los " + MAX + " primeros)." : ".");
    r.res.slice(0, MAX).forEach(function (h) {
      var c = h.e.c, pag = indice.paginas[c.p];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.className = "donde";
      a.href = pag.u + "#celda-" + c.n;
      a.textContent = pag.t + (c.s && c.s !== pag.t ? " › " + c.s : "") + " (celda " + c.n + ")";
      li.appendChild(a);
      var p = document.createElement("p");
      p.className = "extracto";
      var primera = h.e.x.indexOf(r.palabras[0]);
      var desde = Math.max(0, primera - 80), hasta = Math.min(c.x.length, primera + 200);
      if (desde > 0) p.appendChild(document.createTextNode("…"));
      marca(p, c.x, h.e.x, r.palabras, desde, hasta);
      if (hasta < c.x.length) p.appendChild(document.createTextNode("…"));
      li.appendChild(p);
      lista.appendChild(li);
    });
  }

  var campo = document.getElementById("consulta");
  var q = new URLSearchParams(window.location.search).get("q") || "";
  campo.value = q;
  document.getElementById("busqueda").value = q;
  muestra(q);
  var espera = null;
  campo.addEventListener("input", function () {
    clearTimeout(espera);
    espera = setTimeout(function () { muestra(campo.value); }, 150);
  });
})();
