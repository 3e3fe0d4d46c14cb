# Årshjulet: faste evalueringer for ledere gjennom året.
cycle-title = Årshjul
cycle-link = Årshjul: faste evalueringer gjennom året
cycle-intro = Oppgavene kommunen går gjennom hvert år, måned for måned: mål, planer, hva vi gjorde og hva vi lærte. Merk en oppgave som gjort med et kort notat om hva dere evaluerte, eller hopp over den og si hvorfor.
cycle-back-to-steering = Tilbake til styring
cycle-admin-title = Oppgaver i årshjulet
cycle-marked-done = Oppgaven er merket som gjort.
cycle-marked-skipped = Oppgaven er hoppet over.
cycle-summary = I år: { $open } åpne, { $overdue } på overtid, { $closed } gjort eller hoppet over.
cycle-years = Andre år
cycle-previous-year = Året før
cycle-next-year = Året etter
cycle-months = Måneder
cycle-month-empty = Ingenting denne måneden.
cycle-overdue = { $days ->
    [one] 1 dag på overtid
   *[other] { $days } dager på overtid
}
cycle-due-in = { $days ->
    [0] frist i dag
    [one] frist i morgen
   *[other] frist om { $days } dager
}
cycle-closed-done = Gjort av { $who }, { $when }
cycle-closed-skipped = Hoppet over av { $who }, { $when }
cycle-note = Notat
cycle-note-hint = Hva dere evaluerte eller lærte, eller hvorfor dere hopper over.
cycle-mark-done = Merk som gjort
cycle-mark-skip = Hopp over
cycle-status-planned = Planlagt
cycle-status-open = Åpen
cycle-status-done = Gjort
cycle-status-skipped = Hoppet over
cycle-every-yearly = Hvert år
cycle-every-quarterly = Hvert kvartal
cycle-every-monthly = Hver måned
cycle-every-yearly-text = hvert år den { $day }. { $month }, påminnelse { $lead } dager før
cycle-every-quarterly-text = hvert kvartal den { $day }. fra { $month }, påminnelse { $lead } dager før
cycle-every-monthly-text = hver måned den { $day }., påminnelse { $lead } dager før
cycle-for-municipality = For kommunens ledere
cycle-for-service = For lederne i alle enheter av typen { $service }
cycle-for-unit = For lederne i { $unit }
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
cycle-admin-intro = De faste oppgavene i årshjulet. Hver oppgave minner lederne den gjelder på skrivebordet (og på e-post) når påminnelsen starter. En oppgave som er slått av, planlegger ikke mer; det som er merket, blir stående.
cycle-task-new = Ny oppgave
cycle-task-inactive = slått av
cycle-task-title = Tittel
cycle-task-description = Hva skal gjøres
cycle-task-audience = For hvem
cycle-task-kind = Hvor ofte
cycle-task-month = Måned
cycle-task-month-hint = For en oppgave hvert kvartal: en av månedene i mønsteret. Brukes ikke for en oppgave hver måned.
cycle-task-day = Dag i måneden
cycle-task-day-hint = 1–31. I en kortere måned faller oppgaven på siste dag.
cycle-task-lead = Påminnelse, dager før (0–180)
cycle-task-active = I bruk
cycle-task-save = Lagre oppgaven
cycle-task-saved = Oppgaven er lagret.
cycle-error-title = Skriv en tittel.
cycle-error-too-long = Teksten er for lang.
cycle-error-control = Teksten har tegn som ikke kan brukes.
cycle-error-recurrence = Velg en måned og en dag i måneden fra 1 til 31.
cycle-error-lead = Påminnelsen gis fra 0 til 180 dager før.
cycle-error-audience = Velg hvem oppgaven er for.
cycle-error-note = Skriv et kort notat om hva dere evaluerte, eller hvorfor dere hopper over.
cycle-error-occurrence = Oppgaven har ikke frist den dagen.
cycle-error-period = Velg en periode på høyst to år som slutter etter at den starter.
notice-cycle-due = Årshjul: { $detail }
audit-basis-management = Ledelse av tjenestene
audit-resource-cycle-task = Oppgave i årshjulet
audit-resource-cycle-occurrence = Frist i årshjulet
cycle-ring-title = Årshjulet
cycle-ring-desc = Hver del av hjulet er en måned, med januar øverst. Fargen viser det som haster mest den måneden, og tallet er antall oppgaver. Listen under viser hver oppgave.
cycle-ring-overdue = På overtid
cycle-ring-done = Gjort eller hoppet over
cycle-ring-empty = Ingen oppgaver
