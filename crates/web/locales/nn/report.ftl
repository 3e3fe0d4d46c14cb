# Reports to child welfare under the duty to report (opplysningsplikt).
nav-reports = Bekymringsmeldingar

# The statutory grounds a–d, in plain words.
ground-mistreatment = Barnet blir mishandla eller alvorleg forsømt, til dømes utsett for vald eller overgrep, eller får ikkje den daglege omsorga det treng.
ground-untreated-needs = Barnet er alvorleg sjukt eller skadd, eller har særlege behov, og får ikkje den undersøkinga, behandlinga eller opplæringa det treng.
ground-serious-behaviour = Barnet viser alvorlege åtferdsvanskar, til dømes gjentekne lovbrot, rusmisbruk eller anna alvorleg normlaus åtferd.
ground-trafficking = Barnet blir utnytta til menneskehandel.

# What child welfare decided.
report-outcome-investigate = Barnevernet opnar undersøking
report-outcome-dismiss = Lagd bort etter gjennomgang

# Why a report could not be sent or changed.
report-error-ground = Kryss av for minst eitt av grunnlaga.
report-error-unknown-ground = Grunnlaget finst ikkje i lova. Vel mellom a, b, c og d.
report-error-text = Skriv kva du har sett eller høyrt.
report-error-too-long = Teksten er for lang. Kort han ned til 4000 teikn.
report-error-bad-text = Teksten inneheld teikn som ikkje kan lagrast. Skriv han på nytt utan dei.
report-error-no-child-welfare = Kommunen har ikkje registrert nokon barnevernsteneste. Kontakt administrator, og meld frå til barnevernet på anna vis i mellomtida.
report-error-receiver = Vel kva barnevernsteneste meldinga skal til.
report-error-concern = Undringa meldinga viser til, gjeld ikkje dette barnet.
report-error-acknowledged = Mottaket er alt stadfesta.
report-error-reviewed = Meldinga er alt gjennomgått.
report-error-outcome = Vel utfallet av gjennomgangen.

# Reminders on "my follow-up".
notice-report-received = Ny bekymringsmelding om { $child }
notice-report-acknowledged = Barnevernet har stadfesta at dei har motteke meldinga di om { $child }
notice-report-reviewed = Barnevernet har gjennomgått meldinga di om { $child }
notice-report-overdue = Bekymringsmeldinga om { $child } er ikkje gjennomgått innan fristen

# The form.
report-new-title = Bekymringsmelding til barnevernet
report-about = Gjeld
report-back-to-child = Tilbake til barnet
report-duty-heading = Før du skriv
report-duty-text = Når du har grunn til å tru at eit barn har det som skildra under, har du plikt til å melde frå til barnevernet. Du treng ikkje vere sikker; det held at det er meir enn ein vag mistanke.
report-duty-consent = Opplysningsplikta går føre teieplikta. Du treng ikkje samtykke frå foreldra eller barnet.
report-duty-logged = At du sender meldinga, og at du har sett opplysningane om barnet for å skrive ho, blir registrert i tilgangsloggen.
report-duty-parents = Foreldra kan seinare få lese meldinga. Skriv nøkternt og konkret.
report-consult = Er du usikker på om du skal melde? Du kan drøfte situasjonen anonymt med barnevernet først:
report-from-concern = Meldinga blir knytt til undringa der det vart avgjort å melde.
report-grounds = Kva gjeld uroa?
report-grounds-hint = Kryss av for det som passar. Bokstaven viser til grunnlaget i lova.
report-text = Kva har du sett eller høyrt?
report-text-hint = Skriv kva du sjølv har sett og høyrt, når det var, og kva andre har fortalt deg. Skil mellom det du har observert og det du tolkar.
report-receiver = Blir send til
report-send = Send meldinga til barnevernet

# The receipt and child welfare's view.
report-receipt-title = Kvittering for bekymringsmelding
report-title = Bekymringsmelding
report-reference = Referansenummer
report-child = Barnet
report-sent-at = Send
report-to = Send til
report-from = Send av
report-grounds-chosen = Grunnlag
report-text-heading = Det som er sett eller høyrt
report-status = Status
report-status-waiting = Barnevernet har enno ikkje stadfesta at dei har motteke meldinga.
report-status-acknowledged = Barnevernet stadfesta mottak { $date }.
report-status-reviewed = Barnevernet gjekk gjennom meldinga { $date }: { $outcome }.
report-receipt-private = Barnevernet sine eigne notat om saka blir ikkje viste på kvitteringa.
report-done-sent = Meldinga er send. Ta vare på referansenummeret. Barnevernet skal gå gjennom meldinga innan ei veke.
report-done-acknowledged = Mottaket er stadfesta. Den som melde, ser det på kvitteringa si.
report-done-reviewed = Gjennomgangen er lagra.
report-deadline = Frist for gjennomgang
report-clock-left = { $days ->
    [one] 1 dag att av fristen for gjennomgang
   *[other] { $days } dagar att av fristen for gjennomgang
}
report-clock-overdue = { $days ->
    [one] Over fristen: skulle vore gjennomgått for 1 dag sidan
   *[other] Over fristen: skulle vore gjennomgått for { $days } dagar sidan
}
report-acknowledged-by = Mottak stadfesta av
report-reviewed-by = Gjennomgått av
report-note-heading = Notatet til barnevernet
report-acknowledge-heading = Stadfest mottak
report-acknowledge-intro = Den som melde, får beskjed om at meldinga er motteken.
report-acknowledge = Stadfest at meldinga er motteken
report-review-heading = Gjennomgang
report-review-intro = Barnevernet skal gå gjennom meldinga seinast innan ei veke og avgjere om det skal opnast undersøking. Den som melde, ser utfallet, men ikkje notatet.
report-outcome = Utfall
report-note = Notat (berre for barnevernet)
report-review-submit = Lagre gjennomgangen

# The list.
report-list-title = Bekymringsmeldingar
report-list-intro = Ei ny melding skriv du frå sida til barnet.
report-queue = Meldingar til barnevernet
report-queue-none = Ingen meldingar til barnevernet.
report-sent = Meldingar du har sendt
report-sent-none = Du har ikkje sendt nokon bekymringsmelding.
report-col-reference = Referanse
report-col-child = Barn
report-col-sent = Send
report-col-status = Status
report-col-deadline = Frist
report-state-waiting = Ventar på stadfesting
report-state-acknowledged = Motteken
report-state-reviewed = Gjennomgått

# Links from the child's page and the concern.
case-report = Send bekymringsmelding til barnevernet
concern-report-write = Skriv bekymringsmeldinga
