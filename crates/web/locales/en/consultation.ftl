# Anonymous consultation.
consultation-title = Anonymous consultation
consultation-short = discuss a situation with another service without saying who it is about.
consultation-intro = Describe the situation without names, national identity numbers, dates of birth or other details that could reveal who it is about. The consultation is not linked to any child.
consultation-with = With which service
consultation-question = The situation and the question
consultation-question-hint = For example: “A boy of 9 is often tired and hungry. What can the school do?”
consultation-advice = Advice you were given
consultation-save = Save the consultation
consultation-saved = The consultation is saved with nothing that links it to a child.
consultation-warnings = The text may reveal who it is about. Remove it, or confirm that it does not:
consultation-confirm = I have checked the text, and it does not reveal who it is about
consultation-mine = Your consultations
consultation-none = You have no saved consultations.
anonymous-found-nin = “{ $text }” is a national identity number.
anonymous-found-name = “{ $text }” looks like a name.
anonymous-found-date = “{ $text }” may be a date of birth.
anonymous-error-nin = The text contains a national identity number. Remove it before saving.
