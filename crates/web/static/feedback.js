// Feedback sliders. The number field of an item is what the form sends; a
// slider is only a faster way to fill it in. This script shows the sliders
// (hidden without JavaScript, where the number fields are the form), marks a
// slider "chosen" once it is moved by touch, mouse or keyboard, and writes its
// value into the number field ("7,3", or "7.3" in English). Typing a number
// moves the slider. An untouched slider therefore sends nothing, and the
// server refuses the answer and names the item.
(function () {
  'use strict';
  var point = (document.documentElement.lang || '').slice(0, 2) === 'en' ? '.' : ',';

  function wire(item) {
    if (item.dataset.fbReady) return;
    item.dataset.fbReady = '1';
    var wrap = item.querySelector('.fb-slide');
    var slider = item.querySelector('.fb-slider');
    var typed = item.querySelector('.fb-typed');
    var state = item.querySelector('.fb-state');
    if (!wrap || !slider || !typed || !state) return;
    var notChosen = state.textContent;
    wrap.hidden = false;

    function chosen(on) {
      item.classList.toggle('fb-chosen', on);
      state.hidden = on;
      if (on) slider.removeAttribute('aria-valuetext');
      else slider.setAttribute('aria-valuetext', notChosen);
    }

    slider.addEventListener('input', function () {
      typed.value = Number(slider.value).toFixed(1).replace('.', point);
      typed.removeAttribute('aria-invalid');
      chosen(true);
    });
    typed.addEventListener('input', function () {
      var text = typed.value.trim();
      var n = Number(text.replace(',', '.'));
      var ok = text !== '' && /^\d{1,2}([.,]\d)?$/.test(text) && n >= 0 && n <= 10;
      if (ok) slider.value = String(n);
      chosen(ok);
    });
  }

  function wireAll() {
    document.querySelectorAll('.fb-item').forEach(wire);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wireAll);
  else wireAll();
})();
