# Concerns, relay logs and the holder's desk.
nav-my = Mi oppfølging
relay-back-to-child = Tilbake til barnet
relay-back-to-my = Til mi oppfølging
relay-back-to-log = Tilbake til stafettloggen

case-title = Oppfølging
case-open-log = Opne stafettloggen
case-no-log = Barnet har ingen open stafettlogg.
case-concerns = Undringar
case-closed-logs = Tidlegare stafettloggar
case-raise = Noter ei undring

concern-new-title = Noter ei undring
concern-new-intro = Skriv kva du har sett eller høyrt som gjer at du undrar deg. Så har de 14 dagar på å bestemme kva som skal skje vidare.
concern-text = Kva har du sett eller høyrt?
concern-text-hint = Skildre det du har observert, ikkje tolkingar. Familien kan få lese dette.
concern-unit = Frå eining
concern-submit = Lagre undringa
concern-title = Undring
concern-done-raised = Undringa er lagra, og fristen for å bestemme vidare oppfølging går.
concern-done-closed = Undringa er avslutta.
concern-done-report = Avgjerda er lagra: det skal sendast bekymringsmelding til barnevernet.
concern-raised-by = Notert av
concern-deadline = Frist for å bestemme
concern-note = Grunngiving
concern-open-log = Gå til stafettloggen
concern-report-next = Skriv bekymringsmeldinga til barnevernet. Opplysningsplikta gjeld utan samtykke.
concern-decide = Bestem vidare oppfølging
concern-decide-intro = Snakk med foreldra og ein kollega eller leiar først. Om de startar ein stafettlogg, får du stafettpinnen.
concern-decision = Kva skal skje?
concern-decision-level-1 = Starte stafettlogg på nivå 1: tiltak i eiga teneste
concern-decision-level-2 = Starte stafettlogg på nivå 2: samarbeid med ei anna teneste
concern-decision-level-3 = Starte stafettlogg på nivå 3: fleire tenester samarbeider
concern-decision-close = Avslutte: det er ikkje behov for meir oppfølging
concern-decision-report = Sende bekymringsmelding til barnevernet
concern-decide-submit = Lagre avgjerda
concern-error-choose = Vel kva som skal skje.
concern-decided-close = Avslutta
concern-decided-report = Meldt til barnevernet
concern-decided-log = Stafettlogg starta på nivå { $level }
concern-overdue = { $days ->
    [one] Fristen gjekk ut for 1 dag sidan
   *[other] Fristen gjekk ut for { $days } dagar sidan
}
concern-days-left = { $days ->
    [one] 1 dag att til fristen
   *[other] { $days } dagar att til fristen
}

log-title = Stafettlogg
log-level = Nivå
log-level-n = Nivå { $level }
log-holder = Stafetthaldar
log-opened = Starta
log-status = Status
log-status-open = Open
log-status-closed = Avslutta
log-overdue-count = { $count ->
    [one] 1 evaluering på overtid
   *[other] { $count } evalueringar på overtid
}
log-offer = Stafettpinnen
log-offer-waiting = Tilboden { $name } ({ $unit }), ventar på svar
log-print = Utskrift
log-archive = Arkivkopi
log-archive-json = Arkivkopi som JSON
log-level-3-hint = På nivå 3 skal de vurdere kven som bør ha stafettpinnen, og om barnet treng ein individuell plan.
log-measures = Tiltak
log-no-measures = Ingen tiltak enno.
log-next-evaluation = Neste evaluering
log-measure-status = Status
measure-ended = Avslutta
measure-overdue = Evaluering på overtid
measure-running = Pågår
log-write = Skriv i loggen
log-holder-actions = For stafetthaldaren
log-timeline = Heile loggen
log-done-opened = Stafettloggen er starta. Du har stafettpinnen.
log-done-entry = Lagra i loggen.
log-done-level = Nivået er endra.
log-done-offered = Stafettpinnen er tilboden. Du har han til han blir teken imot.
log-done-accepted = Du har teke imot stafettpinnen.
log-done-declined = Du har takka nei. Stafetthaldaren har framleis stafettpinnen.
log-done-withdrawn = Tilbodet er trekt tilbake.
log-done-closed = Stafettloggen er avslutta, og arkivkopien er laga.

entry-concern = Undring
entry-goal = Mål
entry-measure = Tiltak
entry-evaluation = Evaluering
entry-agreement = Avtale
entry-participant = Deltakande teneste
entry-observation = Lysglimt
entry-family-note = Stemma til familien
add-entry-concern = Legg til undring
add-entry-goal = Legg til mål
add-entry-measure = Legg til tiltak
add-entry-evaluation = Evaluer eit tiltak
add-entry-agreement = Legg til avtale
add-entry-participant = Legg til deltakande teneste
add-entry-observation = Legg til lysglimt
add-entry-family-note = Skriv ned kva familien seier
entry-areas = Utviklingsområde
entry-since = Sidan når
entry-what = Kva skal gjerast
entry-responsible = Ansvarleg
entry-start = Start
entry-evaluate-by = Skal evaluerast innan
entry-no-goal = Ikkje knytt til eit mål
entry-outcome = Kva no?
entry-learned = Kva har de lært?
entry-next-evaluation = Neste evaluering
entry-next-evaluation-hint = Trengst når tiltaket held fram eller blir endra.
entry-unit = Eining
entry-task = Oppgåve
entry-who = Kven i familien
entry-text = Tekst
entry-save = Lagre
entry-save-correction = Lagre rettinga
entry-superseded = Retta seinare.
entry-see-correction = Sjå rettinga
entry-corrects = Rettar ei tidlegare innføring.
entry-see-original = Sjå den opphavlege
entry-correct = Rett denne innføringa
correct-title = Rett ei innføring
correct-intro = Ingenting blir sletta. Rettinga blir ei ny innføring som erstattar den gamle, og begge blir viste i loggen.
correct-new-version = Ny versjon

area-language = Språk
area-social = Sosialt samspel
area-emotional = Kjensler og trivsel
area-physical = Helse og motorikk
area-learning = Læring
area-attendance = Oppmøte
area-family = Situasjonen i familien
area-other = Anna

outcome-continue = Halde fram
outcome-change = Endre
outcome-end = Avslutte

level-change = Endre nivå
level-new = Nytt nivå
level-reason = Kvifor?
level-submit = Endre nivå

offer-title = Gi stafettpinnen vidare
offer-intro = Den du tilbyr stafettpinnen, må ta imot han. Til då har du han.
offer-none = Ingen andre kan ta imot stafettpinnen no. Barnet må gå i eininga, eller samtykket frå familien må omfatte henne.
offer-to = Til
offer-family-wish = Ønsket til familien
offer-is-transition = Dette er ein overgang (til dømes frå barnehage til skule)
transition-checklist = Sjekkliste for overgangen
transition-note = Kva følgjer med barnet?
transition-done = Gjort
transition-missing = Ikkje gjort enno
offer-submit = Tilby stafettpinnen
offer-withdraw = Trekk tilbake tilbodet
checklist-family-agreed = Familien er einig i kva som følgjer med
checklist-child-heard = Barnet er høyrt om overgangen
checklist-transition-meeting = Overgangsmøte er halde
checklist-measures-reviewed = Mål og tiltak er gått gjennom
checklist-what-works-shared = Det som fungerer for barnet, er skrive ned
checklist-adaptations-ready = Tilrettelegginga er klar i den nye tenesta

answer-title = Du har fått tilbod om stafettpinnen
answer-intro = { $name } vil gi deg stafettpinnen i { $unit }.
answer-transition = Dette er ein overgang. Sjå sjekklista i loggen.
answer-reason = Kommentar (valfritt)
answer-accept = Ta imot
answer-decline = Takk nei

close-title = Avslutt stafettloggen
close-intro = Når loggen blir avslutta, blir det laga ein arkivkopi av heile loggen.
close-reason = Kvifor blir loggen avslutta?
close-note = Kommentar
close-submit = Avslutt
close-error-reason = Vel kvifor stafettloggen blir avslutta.
closing-goals-reached = Måla er nådde
closing-consent-withdrawn = Samtykket er trekt tilbake
closing-moved-to-individual-plan = Vidare arbeid i individuell plan

event-opened = Stafettloggen vart starta på nivå { $level }
event-level-changed = Nivået vart endra frå { $from } til { $to }
event-baton-offered = Stafettpinnen vart tilboden { $name } ({ $unit })
event-transition-offered = Overgang: stafettpinnen vart tilboden { $name } ({ $unit })
event-baton-accepted = { $name } tok imot stafettpinnen
event-baton-declined = { $name } takka nei til stafettpinnen
event-baton-withdrawn = Tilbodet om stafettpinnen vart trekt tilbake
event-closed = Stafettloggen vart avslutta: { $reason }
archive-copy = Arkivkopi laga
print-printed = Skrive ut

my-title = Mi oppfølging
my-intro = Det som ventar på deg: stafettpinnar du har fått tilbod om, stafettloggane du har, og undringar som treng ei avgjerd.
my-reminders = Påminningar
my-reminder-done = Sett
my-offers = Tilbod til deg
my-no-offers = Ingen stafettpinnar ventar på svar frå deg.
my-offered-by = frå
my-shared = Delt med eininga di
my-shared-intro = Familien har samtykt til at eininga di kan følgje desse barna i stafettloggen.
my-shared-holder = stafetthaldar
my-logs = Stafettloggane dine
my-no-logs = Du har ingen stafettpinnar no.
my-concerns = Undringane dine
my-no-concerns = Ingen undringar ventar på ei avgjerd.
my-overdue-since = Evaluering på overtid sidan { $date }
my-next-evaluation = { $date }
notice-evaluation-due = Tid for å evaluere eit tiltak for { $child }: { $detail }
notice-concern-deadline = Fristen for undringa om { $child } gjekk ut { $detail }
my-consents = Samtykke som snart går ut
my-consents-intro = Når eit samtykke går ut, kan dei andre tenestene ikkje lenger sjå stafettloggen. Snakk med familien i god tid.
my-consent-ends = Samtykket for { $child } går ut { $date }

# Who may read an entry (field groups).
entry-category = Kven kan lese dette?
entry-category-hint = Helse- og skuleopplysningar blir berre viste for deg, eininga di og dei einingane familien har samtykt til at får slike opplysningar.
entry-kept-choice-relay-log = Alle som følgjer opp barnet i stafettloggen
entry-kept-choice-health = Helseopplysningar: berre einingar med samtykke til helseopplysningar
entry-kept-choice-school = Skuleopplysningar: berre einingar med samtykke til skuleopplysningar
entry-kept-health = Helseopplysningar – blir berre viste for einingar med samtykke
entry-kept-school = Skuleopplysningar – blir berre viste for einingar med samtykke
log-withheld = { $count ->
    [one] Éin oppføring blir ikkje vist for deg
   *[other] { $count } oppføringar blir ikkje viste for deg
  } ({ $categories }). Samtykket frå familien gir ikkje eininga di tilgang til slike opplysningar. Spør den som held stafettpinnen om familien vil utvide samtykket.

# When a unit loses a log (consent withdrawn or expired, refused, enrolment only).
event-baton-returned = Stafettpinnen gjekk tilbake til { $name } ({ $unit })
event-offer-ended = Tilbodet om stafettpinnen vart avslutta
access-ended-consent-withdrawn = Familien trekte tilbake samtykket som gav { $unit } tilgang. { $name } kan ikkje lenger sjå loggen.
access-ended-consent-expired = Samtykket som gav { $unit } tilgang, gjekk ut. { $name } kan ikkje lenger sjå loggen.
access-ended-refused = Familien har sagt nei til { $unit }. { $name } kan ikkje lenger sjå loggen.
access-ended-enrolment-only = { $unit } hadde loggen berre fordi barnet går der. Det gir ikkje lenger tilgang.
notice-baton-taken-back = Du har ikkje lenger stafettpinnen i ein stafettlogg, fordi { $detail }. Han gjekk tilbake til { $unit }.
notice-offer-ended = Tilbodet til deg om ein stafettpinne er avslutta, fordi { $detail }. Loggen høyrer til { $unit }.
notice-log-access-ended = Du kan ikkje lenger sjå ein stafettlogg som høyrer til { $unit }, fordi { $detail }.
notice-baton-returned = Stafettpinnen for { $child } er tilbake hos deg, fordi { $detail }.
notice-access-ended-consent-withdrawn = familien trekte tilbake samtykket
notice-access-ended-consent-expired = samtykket gjekk ut
notice-access-ended-refused = familien har sagt nei til eininga
notice-access-ended-enrolment-only = at barnet går i ei eining, gir ikkje lenger tilgang til loggen til ei anna teneste
