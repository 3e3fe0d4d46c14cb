# Reports to child welfare under the duty to report (opplysningsplikt).
nav-reports = Bekymringsmeldinger

# The statutory grounds a–d, in plain words.
ground-mistreatment = Barnet blir mishandlet eller alvorlig forsømt, for eksempel utsatt for vold eller overgrep, eller får ikke den daglige omsorgen det trenger.
ground-untreated-needs = Barnet er alvorlig sykt eller skadet, eller har særlige behov, og får ikke den undersøkelsen, behandlingen eller opplæringen det trenger.
ground-serious-behaviour = Barnet viser alvorlige atferdsvansker, for eksempel gjentatt kriminalitet, rusmisbruk eller annen alvorlig normløs atferd.
ground-trafficking = Barnet blir utnyttet til menneskehandel.

# What child welfare decided.
report-outcome-investigate = Barnevernet åpner undersøkelse
report-outcome-dismiss = Henlagt etter gjennomgang

# Why a report could not be sent or changed.
report-error-ground = Kryss av for minst ett av grunnlagene.
report-error-unknown-ground = Grunnlaget finnes ikke i loven. Velg mellom a, b, c og d.
report-error-text = Skriv hva du har sett eller hørt.
report-error-too-long = Teksten er for lang. Korte den ned til 4000 tegn.
report-error-bad-text = Teksten inneholder tegn som ikke kan lagres. Skriv den på nytt uten dem.
report-error-no-child-welfare = Kommunen har ikke registrert noen barneverntjeneste. Kontakt administrator, og meld fra til barnevernet på annen måte i mellomtiden.
report-error-receiver = Velg hvilken barneverntjeneste meldingen skal til.
report-error-concern = Undringen meldingen viser til, gjelder ikke dette barnet.
report-error-acknowledged = Mottaket er allerede bekreftet.
report-error-reviewed = Meldingen er allerede gjennomgått.
report-error-outcome = Velg utfallet av gjennomgangen.

# Reminders on "my follow-up".
notice-report-received = Ny bekymringsmelding om { $child }
notice-report-acknowledged = Barnevernet har bekreftet at de har mottatt meldingen din om { $child }
notice-report-reviewed = Barnevernet har gjennomgått meldingen din om { $child }
notice-report-overdue = Bekymringsmeldingen om { $child } er ikke gjennomgått innen fristen

# The form.
report-new-title = Bekymringsmelding til barnevernet
report-about = Gjelder
report-back-to-child = Tilbake til barnet
report-duty-heading = Før du skriver
report-duty-text = Når du har grunn til å tro at et barn har det som beskrevet under, har du plikt til å melde fra til barnevernet. Du trenger ikke være sikker; det holder at det er mer enn en vag mistanke.
report-duty-consent = Opplysningsplikten går foran taushetsplikten. Du trenger ikke samtykke fra foreldrene eller barnet.
report-duty-logged = At du sender meldingen, og at du har sett barnets opplysninger for å skrive den, blir registrert i tilgangsloggen.
report-duty-parents = Foreldrene kan senere få lese meldingen. Skriv nøkternt og konkret.
report-consult = Er du usikker på om du skal melde? Du kan drøfte situasjonen anonymt med barnevernet først:
report-from-concern = Meldingen knyttes til undringen der det ble besluttet å melde.
report-grounds = Hva gjelder bekymringen?
report-grounds-hint = Kryss av for det som passer. Bokstaven viser til grunnlaget i loven.
report-text = Hva har du sett eller hørt?
report-text-hint = Skriv hva du selv har sett og hørt, når det var, og hva andre har fortalt deg. Skill mellom det du har observert og det du tolker.
report-receiver = Sendes til
report-send = Send meldingen til barnevernet

# The receipt and child welfare's view.
report-receipt-title = Kvittering for bekymringsmelding
report-title = Bekymringsmelding
report-reference = Referansenummer
report-child = Barnet
report-sent-at = Sendt
report-to = Sendt til
report-from = Sendt av
report-grounds-chosen = Grunnlag
report-text-heading = Det som er sett eller hørt
report-status = Status
report-status-waiting = Barnevernet har ennå ikke bekreftet at de har mottatt meldingen.
report-status-acknowledged = Barnevernet bekreftet mottak { $date }.
report-status-reviewed = Barnevernet gjennomgikk meldingen { $date }: { $outcome }.
report-receipt-private = Barnevernets egne notater om saken vises ikke på kvitteringen.
report-done-sent = Meldingen er sendt. Ta vare på referansenummeret. Barnevernet skal gjennomgå meldingen innen en uke.
report-done-acknowledged = Mottaket er bekreftet. Den som meldte, ser det på kvitteringen sin.
report-done-reviewed = Gjennomgangen er lagret.
report-deadline = Frist for gjennomgang
report-clock-left = { $days ->
    [one] 1 dag igjen av fristen for gjennomgang
   *[other] { $days } dager igjen av fristen for gjennomgang
}
report-clock-overdue = { $days ->
    [one] Over fristen: skulle vært gjennomgått for 1 dag siden
   *[other] Over fristen: skulle vært gjennomgått for { $days } dager siden
}
report-acknowledged-by = Mottak bekreftet av
report-reviewed-by = Gjennomgått av
report-note-heading = Barnevernets notat
report-acknowledge-heading = Bekreft mottak
report-acknowledge-intro = Den som meldte, får beskjed om at meldingen er mottatt.
report-acknowledge = Bekreft at meldingen er mottatt
report-review-heading = Gjennomgang
report-review-intro = Barnevernet skal gjennomgå meldingen senest innen en uke og avgjøre om det skal åpnes undersøkelse. Den som meldte, ser utfallet, men ikke notatet.
report-outcome = Utfall
report-note = Notat (bare for barnevernet)
report-review-submit = Lagre gjennomgangen

# The list.
report-list-title = Bekymringsmeldinger
report-list-intro = En ny melding skriver du fra barnets side.
report-queue = Meldinger til barnevernet
report-queue-none = Ingen meldinger til barnevernet.
report-sent = Meldinger du har sendt
report-sent-none = Du har ikke sendt noen bekymringsmelding.
report-col-reference = Referanse
report-col-child = Barn
report-col-sent = Sendt
report-col-status = Status
report-col-deadline = Frist
report-state-waiting = Venter på bekreftelse
report-state-acknowledged = Mottatt
report-state-reviewed = Gjennomgått

# Links from the child's page and the concern.
case-report = Send bekymringsmelding til barnevernet
concern-report-write = Skriv bekymringsmeldingen
