# Anonymous consultation.
consultation-title = Anonym drøfting
consultation-short = drøft en situasjon med en annen tjeneste uten å si hvem det gjelder.
consultation-intro = Beskriv situasjonen uten navn, fødselsnummer, fødselsdato eller andre detaljer som kan avsløre hvem det gjelder. Drøftingen knyttes ikke til noe barn.
consultation-with = Med hvilken tjeneste
consultation-question = Situasjonen og spørsmålet
consultation-question-hint = For eksempel: «En gutt på 9 år er ofte trøtt og sulten. Hva kan skolen gjøre?»
consultation-advice = Råd dere fikk
consultation-save = Lagre drøftingen
consultation-saved = Drøftingen er lagret uten noe som knytter den til et barn.
consultation-warnings = Teksten kan avsløre hvem det gjelder. Fjern det, eller bekreft at det ikke gjør det:
consultation-confirm = Jeg har sjekket teksten, og den avslører ikke hvem det gjelder
consultation-mine = Dine drøftinger
consultation-none = Du har ingen lagrede drøftinger.
anonymous-found-nin = «{ $text }» er et fødselsnummer.
anonymous-found-name = «{ $text }» ser ut som et navn.
anonymous-found-date = «{ $text }» kan være en fødselsdato.
anonymous-error-nin = Teksten inneholder et fødselsnummer. Fjern det før du lagrer.
