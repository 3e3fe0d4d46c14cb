# Årshjulet: faste evalueringer for ledere gennem året.
cycle-title = Årshjul
cycle-link = Årshjul: faste evalueringer gennem året
cycle-intro = De opgaver kommunen gennemgår hvert år, måned for måned: mål, planer, hvad vi gjorde, og hvad vi lærte. Markér en opgave som udført med en kort note om, hvad I evaluerede, eller spring den over og sig hvorfor.
cycle-back-to-steering = Tilbage til styring
cycle-admin-title = Opgaver i årshjulet
cycle-marked-done = Opgaven er markeret som udført.
cycle-marked-skipped = Opgaven er sprunget over.
cycle-summary = I år: { $open } åbne, { $overdue } over fristen, { $closed } udført eller sprunget over.
cycle-years = Andre år
cycle-previous-year = Året før
cycle-next-year = Året efter
cycle-months = Måneder
cycle-month-empty = Intet denne måned.
cycle-overdue = { $days ->
    [one] 1 dag over fristen
   *[other] { $days } dage over fristen
}
cycle-due-in = { $days ->
    [0] frist i dag
    [one] frist i morgen
   *[other] frist om { $days } dage
}
cycle-closed-done = Udført af { $who }, { $when }
cycle-closed-skipped = Sprunget over af { $who }, { $when }
cycle-note = Note
cycle-note-hint = Hvad I evaluerede eller lærte, eller hvorfor I springer over.
cycle-mark-done = Markér som udført
cycle-mark-skip = Spring over
cycle-status-planned = Planlagt
cycle-status-open = Åben
cycle-status-done = Udført
cycle-status-skipped = Sprunget over
cycle-every-yearly = Hvert år
cycle-every-quarterly = Hvert kvartal
cycle-every-monthly = Hver måned
cycle-every-yearly-text = hvert år den { $day }. { $month }, påmindelse { $lead } dage før
cycle-every-quarterly-text = hvert kvartal den { $day }. fra { $month }, påmindelse { $lead } dage før
cycle-every-monthly-text = hver måned den { $day }., påmindelse { $lead } dage før
cycle-for-municipality = For kommunens ledere
cycle-for-service = For lederne i alle enheder af typen { $service }
cycle-for-unit = For lederne i { $unit }
cycle-month-1 = Januar
cycle-month-2 = Februar
cycle-month-3 = Marts
cycle-month-4 = April
cycle-month-5 = Maj
cycle-month-6 = Juni
cycle-month-7 = Juli
cycle-month-8 = August
cycle-month-9 = September
cycle-month-10 = Oktober
cycle-month-11 = November
cycle-month-12 = December
cycle-admin-intro = De faste opgaver i årshjulet. Hver opgave minder de ledere, den gælder, på skrivebordet (og på e-mail), når påmindelsen starter. En opgave, der er slået fra, planlægger ikke mere; det, der er markeret, bliver stående.
cycle-task-new = Ny opgave
cycle-task-inactive = slået fra
cycle-task-title = Titel
cycle-task-description = Hvad skal gøres
cycle-task-audience = For hvem
cycle-task-kind = Hvor ofte
cycle-task-month = Måned
cycle-task-month-hint = For en opgave hvert kvartal: en af månederne i mønsteret. Bruges ikke for en opgave hver måned.
cycle-task-day = Dag i måneden
cycle-task-day-hint = 1–31. I en kortere måned falder opgaven på den sidste dag.
cycle-task-lead = Påmindelse, dage før (0–180)
cycle-task-active = I brug
cycle-task-save = Gem opgaven
cycle-task-saved = Opgaven er gemt.
cycle-error-title = Skriv en titel.
cycle-error-too-long = Teksten er for lang.
cycle-error-control = Teksten har tegn, der ikke kan bruges.
cycle-error-recurrence = Vælg en måned og en dag i måneden fra 1 til 31.
cycle-error-lead = Påmindelsen gives fra 0 til 180 dage før.
cycle-error-audience = Vælg, hvem opgaven er for.
cycle-error-note = Skriv en kort note om, hvad I evaluerede, eller hvorfor I springer over.
cycle-error-occurrence = Opgaven har ikke frist den dag.
cycle-error-period = Vælg en periode på højst to år, der slutter, efter den starter.
notice-cycle-due = Årshjul: { $detail }
audit-basis-management = Ledelse af tjenesterne
audit-resource-cycle-task = Opgave i årshjulet
audit-resource-cycle-occurrence = Frist i årshjulet
cycle-ring-title = Årshjulet
cycle-ring-desc = Hver del af hjulet er en måned, med januar øverst. Farven viser det, der haster mest den måned, og tallet er antallet af opgaver. Listen nedenfor viser hver opgave.
cycle-ring-overdue = Over tiden
cycle-ring-done = Gjort eller sprunget over
cycle-ring-empty = Ingen opgaver
