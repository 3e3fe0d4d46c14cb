# Concerns, relay logs and the holder's desk.
nav-my = Min oppfølging
relay-back-to-child = Tilbake til barnet
relay-back-to-my = Til min oppfølging
relay-back-to-log = Tilbake til stafettloggen

case-title = Oppfølging
case-open-log = Åpne stafettloggen
case-no-log = Barnet har ingen åpen stafettlogg.
case-concerns = Undringer
case-closed-logs = Tidligere stafettlogger
case-raise = Noter en undring

concern-new-title = Noter en undring
concern-new-intro = Skriv hva du har sett eller hørt som gjør at du undrer deg. Så har dere 14 dager på å bestemme hva som skal skje videre.
concern-text = Hva har du sett eller hørt?
concern-text-hint = Beskriv det du har observert, ikke tolkninger. Familien kan få lese dette.
concern-unit = Fra enhet
concern-submit = Lagre undringen
concern-title = Undring
concern-done-raised = Undringen er lagret, og fristen for å bestemme videre oppfølging løper.
concern-done-closed = Undringen er avsluttet.
concern-done-report = Beslutningen er lagret: det skal sendes bekymringsmelding til barnevernet.
concern-raised-by = Notert av
concern-deadline = Frist for å bestemme
concern-note = Begrunnelse
concern-open-log = Gå til stafettloggen
concern-report-next = Skriv bekymringsmeldingen til barnevernet. Opplysningsplikten gjelder uten samtykke.
concern-decide = Bestem videre oppfølging
concern-decide-intro = Snakk med foreldrene og en kollega eller leder først. Hvis dere starter en stafettlogg, får du stafettpinnen.
concern-decision = Hva skal skje?
concern-decision-level-1 = Starte stafettlogg på nivå 1: tiltak i egen tjeneste
concern-decision-level-2 = Starte stafettlogg på nivå 2: samarbeid med en annen tjeneste
concern-decision-level-3 = Starte stafettlogg på nivå 3: flere tjenester samarbeider
concern-decision-close = Avslutte: det er ikke behov for mer oppfølging
concern-decision-report = Sende bekymringsmelding til barnevernet
concern-decide-submit = Lagre beslutningen
concern-error-choose = Velg hva som skal skje.
concern-decided-close = Avsluttet
concern-decided-report = Meldt til barnevernet
concern-decided-log = Stafettlogg startet på nivå { $level }
concern-overdue = { $days ->
    [one] Fristen gikk ut for 1 dag siden
   *[other] Fristen gikk ut for { $days } dager siden
}
concern-days-left = { $days ->
    [one] 1 dag igjen til fristen
   *[other] { $days } dager igjen til fristen
}

log-title = Stafettlogg
log-level = Nivå
log-level-n = Nivå { $level }
log-holder = Stafettholder
log-opened = Startet
log-status = Status
log-status-open = Åpen
log-status-closed = Avsluttet
log-overdue-count = { $count ->
    [one] 1 evaluering på overtid
   *[other] { $count } evalueringer på overtid
}
log-offer = Stafettpinnen
log-offer-waiting = Tilbudt { $name } ({ $unit }), venter på svar
log-print = Utskrift
log-archive = Arkivkopi
log-archive-json = Arkivkopi som JSON
log-level-3-hint = På nivå 3 skal dere vurdere hvem som bør ha stafettpinnen, og om barnet trenger en individuell plan.
log-measures = Tiltak
log-no-measures = Ingen tiltak ennå.
log-next-evaluation = Neste evaluering
log-measure-status = Status
measure-ended = Avsluttet
measure-overdue = Evaluering på overtid
measure-running = Pågår
log-write = Skriv i loggen
log-holder-actions = For stafettholderen
log-timeline = Hele loggen
log-done-opened = Stafettloggen er startet. Du har stafettpinnen.
log-done-entry = Lagret i loggen.
log-done-level = Nivået er endret.
log-done-offered = Stafettpinnen er tilbudt. Du har den til den blir tatt imot.
log-done-accepted = Du har tatt imot stafettpinnen.
log-done-declined = Du har takket nei. Stafettholderen har fortsatt stafettpinnen.
log-done-withdrawn = Tilbudet er trukket tilbake.
log-done-closed = Stafettloggen er avsluttet, og arkivkopien er laget.

entry-concern = Undring
entry-goal = Mål
entry-measure = Tiltak
entry-evaluation = Evaluering
entry-agreement = Avtale
entry-participant = Deltakende tjeneste
entry-observation = Lysglimt
entry-family-note = Familiens stemme
add-entry-concern = Legg til undring
add-entry-goal = Legg til mål
add-entry-measure = Legg til tiltak
add-entry-evaluation = Evaluer et tiltak
add-entry-agreement = Legg til avtale
add-entry-participant = Legg til deltakende tjeneste
add-entry-observation = Legg til lysglimt
add-entry-family-note = Skriv ned hva familien sier
entry-areas = Utviklingsområder
entry-since = Siden når
entry-what = Hva skal gjøres
entry-responsible = Ansvarlig
entry-start = Start
entry-evaluate-by = Evalueres innen
entry-no-goal = Ikke knyttet til et mål
entry-outcome = Hva nå?
entry-learned = Hva har dere lært?
entry-next-evaluation = Neste evaluering
entry-next-evaluation-hint = Trengs når tiltaket fortsetter eller endres.
entry-unit = Enhet
entry-task = Oppgave
entry-who = Hvem i familien
entry-text = Tekst
entry-save = Lagre
entry-save-correction = Lagre rettelsen
entry-superseded = Rettet senere.
entry-see-correction = Se rettelsen
entry-corrects = Retter en tidligere innføring.
entry-see-original = Se den opprinnelige
entry-correct = Rett denne innføringen
correct-title = Rett en innføring
correct-intro = Ingenting slettes. Rettelsen blir en ny innføring som erstatter den gamle, og begge vises i loggen.
correct-new-version = Ny versjon

area-language = Språk
area-social = Sosialt samspill
area-emotional = Følelser og trivsel
area-physical = Helse og motorikk
area-learning = Læring
area-attendance = Oppmøte
area-family = Familiens situasjon
area-other = Annet

outcome-continue = Fortsette
outcome-change = Endre
outcome-end = Avslutte

level-change = Endre nivå
level-new = Nytt nivå
level-reason = Hvorfor?
level-submit = Endre nivå

offer-title = Gi stafettpinnen videre
offer-intro = Den du tilbyr stafettpinnen, må ta imot den. Til da har du den.
offer-none = Ingen andre kan ta imot stafettpinnen nå. Barnet må gå i enheten, eller familiens samtykke må omfatte den.
offer-to = Til
offer-family-wish = Familiens ønske
offer-is-transition = Dette er en overgang (for eksempel fra barnehage til skole)
transition-checklist = Sjekkliste for overgangen
transition-note = Hva følger med barnet?
transition-done = Gjort
transition-missing = Ikke gjort ennå
offer-submit = Tilby stafettpinnen
offer-withdraw = Trekk tilbake tilbudet
checklist-family-agreed = Familien er enig i hva som følger med
checklist-child-heard = Barnet er hørt om overgangen
checklist-transition-meeting = Overgangsmøte er holdt
checklist-measures-reviewed = Mål og tiltak er gått gjennom
checklist-what-works-shared = Det som fungerer for barnet, er skrevet ned
checklist-adaptations-ready = Tilrettelegging er klar i den nye tjenesten

answer-title = Du er tilbudt stafettpinnen
answer-intro = { $name } vil gi deg stafettpinnen i { $unit }.
answer-transition = Dette er en overgang. Se sjekklisten i loggen.
answer-reason = Kommentar (valgfritt)
answer-accept = Ta imot
answer-decline = Takk nei

close-title = Avslutt stafettloggen
close-intro = Når loggen avsluttes, lages en arkivkopi av hele loggen.
close-reason = Hvorfor avsluttes den?
close-note = Kommentar
close-submit = Avslutt
close-error-reason = Velg hvorfor stafettloggen avsluttes.
closing-goals-reached = Målene er nådd
closing-consent-withdrawn = Samtykket er trukket tilbake
closing-moved-to-individual-plan = Videre arbeid i individuell plan

event-opened = Stafettloggen ble startet på nivå { $level }
event-level-changed = Nivået ble endret fra { $from } til { $to }
event-baton-offered = Stafettpinnen ble tilbudt { $name } ({ $unit })
event-transition-offered = Overgang: stafettpinnen ble tilbudt { $name } ({ $unit })
event-baton-accepted = { $name } tok imot stafettpinnen
event-baton-declined = { $name } takket nei til stafettpinnen
event-baton-withdrawn = Tilbudet om stafettpinnen ble trukket tilbake
event-closed = Stafettloggen ble avsluttet: { $reason }
archive-copy = Arkivkopi laget
print-printed = Skrevet ut

my-title = Min oppfølging
my-intro = Det som venter på deg: stafettpinner du er tilbudt, stafettloggene du har, og undringer som trenger en beslutning.
my-reminders = Påminnelser
my-reminder-done = Sett
my-offers = Tilbudt deg
my-no-offers = Ingen stafettpinner venter på svar fra deg.
my-offered-by = fra
my-shared = Delt med enheten din
my-shared-intro = Familien har samtykket til at enheten din kan følge disse barna i stafettloggen.
my-shared-holder = stafettholder
my-logs = Stafettloggene dine
my-no-logs = Du har ingen stafettpinner nå.
my-concerns = Undringene dine
my-no-concerns = Ingen undringer venter på en beslutning.
my-overdue-since = Evaluering på overtid siden { $date }
my-next-evaluation = { $date }
notice-evaluation-due = Tid for å evaluere et tiltak for { $child }: { $detail }
notice-concern-deadline = Fristen for undringen om { $child } gikk ut { $detail }
my-consents = Samtykker som snart går ut
my-consents-intro = Når et samtykke går ut, kan de andre tjenestene ikke lenger se stafettloggen. Snakk med familien i god tid.
my-consent-ends = Samtykket for { $child } går ut { $date }

# Who may read an entry (field groups).
entry-category = Hvem kan lese dette?
entry-category-hint = Helse- og skoleopplysninger vises bare for deg, enheten din og de enhetene familien har samtykket til at får slike opplysninger.
entry-kept-choice-relay-log = Alle som følger opp barnet i stafettloggen
entry-kept-choice-health = Helseopplysninger: bare enheter med samtykke til helseopplysninger
entry-kept-choice-school = Skoleopplysninger: bare enheter med samtykke til skoleopplysninger
entry-kept-health = Helseopplysninger – vises bare for enheter med samtykke
entry-kept-school = Skoleopplysninger – vises bare for enheter med samtykke
log-withheld = { $count ->
    [one] Én oppføring vises ikke for deg
   *[other] { $count } oppføringer vises ikke for deg
  } ({ $categories }). Familiens samtykke gir ikke enheten din tilgang til slike opplysninger. Spør den som holder stafettpinnen om familien vil utvide samtykket.

# When a unit loses a log (consent withdrawn or expired, refused, enrolment only).
event-baton-returned = Stafettpinnen gikk tilbake til { $name } ({ $unit })
event-offer-ended = Tilbudet om stafettpinnen ble avsluttet
access-ended-consent-withdrawn = Familien trakk tilbake samtykket som ga { $unit } tilgang. { $name } kan ikke lenger se loggen.
access-ended-consent-expired = Samtykket som ga { $unit } tilgang, gikk ut. { $name } kan ikke lenger se loggen.
access-ended-refused = Familien har sagt nei til { $unit }. { $name } kan ikke lenger se loggen.
access-ended-enrolment-only = { $unit } hadde loggen bare fordi barnet går der. Det gir ikke lenger tilgang.
notice-baton-taken-back = Du har ikke lenger stafettpinnen i en stafettlogg, fordi { $detail }. Den gikk tilbake til { $unit }.
notice-offer-ended = Tilbudet til deg om en stafettpinne er avsluttet, fordi { $detail }. Loggen hører til { $unit }.
notice-log-access-ended = Du kan ikke lenger se en stafettlogg som hører til { $unit }, fordi { $detail }.
notice-baton-returned = Stafettpinnen for { $child } er tilbake hos deg, fordi { $detail }.
notice-access-ended-consent-withdrawn = familien trakk tilbake samtykket
notice-access-ended-consent-expired = samtykket gikk ut
notice-access-ended-refused = familien har sagt nei til enheten
notice-access-ended-enrolment-only = at barnet går i en enhet, gir ikke lenger tilgang til en annen tjenestes logg
