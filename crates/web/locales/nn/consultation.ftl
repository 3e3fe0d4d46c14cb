# Anonymous consultation.
consultation-title = Anonym drøfting
consultation-short = drøft ein situasjon med ei anna teneste utan å seie kven det gjeld.
consultation-intro = Skildra situasjonen utan namn, fødselsnummer, fødselsdato eller andre detaljar som kan avsløre kven det gjeld. Drøftinga blir ikkje knytt til noko barn.
consultation-with = Med kva teneste
consultation-question = Situasjonen og spørsmålet
consultation-question-hint = Til dømes: «Ein gut på 9 år er ofte trøytt og svolten. Kva kan skulen gjere?»
consultation-advice = Råd de fekk
consultation-save = Lagre drøftinga
consultation-saved = Drøftinga er lagra utan noko som knyter ho til eit barn.
consultation-warnings = Teksten kan avsløre kven det gjeld. Fjern det, eller stadfest at han ikkje gjer det:
consultation-confirm = Eg har sjekka teksten, og han avslører ikkje kven det gjeld
consultation-mine = Drøftingane dine
consultation-none = Du har ingen lagra drøftingar.
anonymous-found-nin = «{ $text }» er eit fødselsnummer.
anonymous-found-name = «{ $text }» ser ut som eit namn.
anonymous-found-date = «{ $text }» kan vere ein fødselsdato.
anonymous-error-nin = Teksten inneheld eit fødselsnummer. Fjern det før du lagrar.
