# Årshjulet: faste evalueringar for leiarar gjennom året.
cycle-title = Årshjul
cycle-link = Årshjul: faste evalueringar gjennom året
cycle-intro = Oppgåvene kommunen går gjennom kvart år, månad for månad: mål, planar, kva vi gjorde og kva vi lærte. Merk ei oppgåve som gjord med eit kort notat om kva de evaluerte, eller hopp over ho og sei kvifor.
cycle-back-to-steering = Tilbake til styring
cycle-admin-title = Oppgåver i årshjulet
cycle-marked-done = Oppgåva er merkt som gjord.
cycle-marked-skipped = Oppgåva er hoppa over.
cycle-summary = I år: { $open } opne, { $overdue } på overtid, { $closed } gjorde eller hoppa over.
cycle-years = Andre år
cycle-previous-year = Året før
cycle-next-year = Året etter
cycle-months = Månader
cycle-month-empty = Ingenting denne månaden.
cycle-overdue = { $days ->
    [one] 1 dag på overtid
   *[other] { $days } dagar på overtid
}
cycle-due-in = { $days ->
    [0] frist i dag
    [one] frist i morgon
   *[other] frist om { $days } dagar
}
cycle-closed-done = Gjord av { $who }, { $when }
cycle-closed-skipped = Hoppa over av { $who }, { $when }
cycle-note = Notat
cycle-note-hint = Kva de evaluerte eller lærte, eller kvifor de hoppar over.
cycle-mark-done = Merk som gjord
cycle-mark-skip = Hopp over
cycle-status-planned = Planlagd
cycle-status-open = Open
cycle-status-done = Gjord
cycle-status-skipped = Hoppa over
cycle-every-yearly = Kvart år
cycle-every-quarterly = Kvart kvartal
cycle-every-monthly = Kvar månad
cycle-every-yearly-text = kvart år den { $day }. { $month }, påminning { $lead } dagar før
cycle-every-quarterly-text = kvart kvartal den { $day }. frå { $month }, påminning { $lead } dagar før
cycle-every-monthly-text = kvar månad den { $day }., påminning { $lead } dagar før
cycle-for-municipality = For leiarane i kommunen
cycle-for-service = For leiarane i alle einingar av typen { $service }
cycle-for-unit = For leiarane i { $unit }
cycle-month-1 = Januar
cycle-month-2 = Februar
cycle-month-3 = Mars
cycle-month-4 = April
cycle-month-5 = Mai
cycle-month-6 = Juni
cycle-month-7 = Juli
cycle-month-8 = August
cycle-month-9 = September
cycle-month-10 = Oktober
cycle-month-11 = November
cycle-month-12 = Desember
cycle-admin-intro = Dei faste oppgåvene i årshjulet. Kvar oppgåve minner leiarane ho gjeld på skrivebordet (og på e-post) når påminninga startar. Ei oppgåve som er slått av, planlegg ikkje meir; det som er merkt, blir ståande.
cycle-task-new = Ny oppgåve
cycle-task-inactive = slått av
cycle-task-title = Tittel
cycle-task-description = Kva skal gjerast
cycle-task-audience = For kven
cycle-task-kind = Kor ofte
cycle-task-month = Månad
cycle-task-month-hint = For ei oppgåve kvart kvartal: ein av månadene i mønsteret. Blir ikkje brukt for ei oppgåve kvar månad.
cycle-task-day = Dag i månaden
cycle-task-day-hint = 1–31. I ein kortare månad fell oppgåva på siste dag.
cycle-task-lead = Påminning, dagar før (0–180)
cycle-task-active = I bruk
cycle-task-save = Lagre oppgåva
cycle-task-saved = Oppgåva er lagra.
cycle-error-title = Skriv ein tittel.
cycle-error-too-long = Teksten er for lang.
cycle-error-control = Teksten har teikn som ikkje kan brukast.
cycle-error-recurrence = Vel ein månad og ein dag i månaden frå 1 til 31.
cycle-error-lead = Påminninga blir gitt frå 0 til 180 dagar før.
cycle-error-audience = Vel kven oppgåva er for.
cycle-error-note = Skriv eit kort notat om kva de evaluerte, eller kvifor de hoppar over.
cycle-error-occurrence = Oppgåva har ikkje frist den dagen.
cycle-error-period = Vel ein periode på høgst to år som sluttar etter at han startar.
notice-cycle-due = Årshjul: { $detail }
audit-basis-management = Leiing av tenestene
audit-resource-cycle-task = Oppgåve i årshjulet
audit-resource-cycle-occurrence = Frist i årshjulet
cycle-ring-title = Årshjulet
cycle-ring-desc = Kvar del av hjulet er ein månad, med januar øvst. Fargen viser det som hastar mest den månaden, og talet er kor mange oppgåver det er. Lista under viser kvar oppgåve.
cycle-ring-overdue = På overtid
cycle-ring-done = Gjort eller hoppa over
cycle-ring-empty = Ingen oppgåver
