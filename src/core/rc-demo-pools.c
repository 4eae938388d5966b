/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rc-demo-pools.h"

/* Synthetic data pools for the demo-data generator. Every name, goal and
 * note below is invented; any resemblance to real people is coincidental.
 * Strings are UTF-8. */

#define POOL(a) { a, G_N_ELEMENTS (a) }

/* Client given names: mixed origins and genders, including a few
 * multi-word and hyphenated names. */
static const char * const given_names[] = {
  "Zoë", "José", "Łukasz", "Chloé", "Søren", "Ana María", "Jean-Luc",
  "Siobhán", "İlkay", "Bogdan", "Aoife", "Andrea", "Andrés", "Anders",
  "Andreea", "Anand", "Andrew", "Andrzej", "Anneliese", "Andile", "Ananya",
  "Anouk", "Anaïs", "Ander", "Andriy", "Anja", "Amélie", "Ángel",
  "Agnieszka", "Ahmed", "Aiko", "Akosua", "Alejandro", "Aleksandra",
  "Amara", "Amir", "Astrid", "Aurélien", "Ayşe", "Bartosz", "Beatriz",
  "Bilal", "Björn", "Bongani", "Brigitte", "Bríd", "Camille", "Carmen",
  "Catalina", "Chidi", "Chiara", "Ciarán", "Cristina", "Chen", "Daniela",
  "Darius", "Dawit", "Deepika", "Dmitri", "Dorota", "Duc", "Efua", "Eilidh",
  "Eleni", "Élise", "Emeka", "Emre", "Esther", "Eun-ji", "Fatima", "Farah",
  "Felix", "Fernanda", "Fiona", "François", "Fumiko", "Gabriel", "Giulia",
  "Grainne", "Gustavo", "Gökhan", "Hana", "Hannah", "Haruto", "Helga",
  "Hiroshi", "Hüseyin", "Ibrahim", "Idris", "Ingrid", "Ioana", "Irina",
  "Isabel", "Ivan", "Jakub", "Jamal", "Javier", "Jia Hui", "Jiří",
  "Joaquín", "Jonas", "Júlia", "Kamal", "Karin", "Kateřina", "Kemal",
  "Kenji", "Kofi", "Kwame", "Kyung-soo", "Laila", "Lars", "Laurențiu",
  "Leila", "Léon", "Liam", "Lin", "Lucía", "Lwazi", "Magnus", "Malak",
  "Malik", "Maria Luisa", "Mariam", "Marta", "Mateo", "Mehmet", "Mei",
  "Miguel", "Mihai", "Minh", "Mohammed", "Moses", "Nadia", "Naledi",
  "Nasser", "Niamh", "Nikolai", "Nilufar", "Noémie", "Nuno", "Oisín",
  "Oksana", "Olamide", "Olga", "Omar", "Oskar", "Ozan", "Pádraig", "Paolo",
  "Patrícia", "Pavel", "Precious", "Priya", "Rachel", "Rafael", "Rahul",
  "Rania", "Raquel", "Renée", "Rhys", "Rosa", "Ruairí", "Rui", "Saanvi",
  "Salma", "Samir", "Samuel", "Sandeep", "Saoirse", "Sebastián", "Sena",
  "Seo-yeon", "Siddharth", "Sigrún", "Sina", "Siyabonga", "Sofía", "Stefan",
  "Sunita", "Tadeusz", "Takumi", "Tamar", "Tendai", "Thabo", "Thanh",
  "Theo", "Tiago", "Tomás", "Tuğba", "Ulla", "Uchenna", "Valentina",
  "Vikram", "Violeta", "Wei", "Wanjiru", "Wojciech", "Xavier", "Xiu Ying",
  "Yaw", "Yasmin", "Yousef", "Yuki", "Yusuf", "Zainab", "Zeynep", "Zsófia",
  "Žarko", "Marie-Claire", "Anne-Sophie", "Hans-Peter", "Mary Kate",
  "Nur Aisyah",
};

/* Client family names, including particles and compound names. */
static const char * const family_names[] = {
  "Müller", "Ó Briain", "Dąbrowski", "Nuñez", "Åberg", "García", "Lefèvre",
  "Öztürk", "Đorđević", "van der Berg", "de la Cruz", "O'Connor", "MacLeod",
  "Andersen", "Anderson", "Andrade", "Andreou", "Andersson", "Andreescu",
  "Andrić", "Andrews", "Anand", "Anagnostou", "Abdullah", "Abebe",
  "Achterberg", "Adeyemi", "Agarwal", "Aguilar", "Ahmadi", "Akhtar",
  "Al-Farsi", "Al-Khatib", "Almeida", "Alonso", "Álvarez", "Amoah",
  "Appiah", "Arslan", "Asante", "Auclair", "Baker", "Bakker", "Banerjee",
  "Barbosa", "Bauer", "Becker", "Bergström", "Bianchi", "Błaszczyk",
  "Boateng", "Bondarenko", "Bouchard", "Brennan", "Byrne", "Caballero",
  "Castillo", "Çelik", "Chakraborty", "Chatterjee", "Chen", "Chowdhury",
  "Ciobanu", "Coleman", "Costa", "Cruz", "Da Silva", "Dahl", "de Jong",
  "Delacroix", "Demir", "Desai", "Diallo", "Dimitrov", "Dlamini", "Doğan",
  "Dubois", "Dunne", "Dvořák", "Eriksen", "Eze", "Ezeh", "Fernández",
  "Ferreira", "Fitzgerald", "Fischer", "Fontaine", "Fraser", "Fujita",
  "Gallagher", "Ganguly", "Gašparović", "Ghosh", "Gonçalves", "González",
  "Grabowski", "Gupta", "Gutiérrez", "Haddad", "Halvorsen", "Hamid",
  "Hansen", "Hashemi", "Herrera", "Hoang", "Hoffmann", "Horvat", "Hussain",
  "Huang", "Ibrahim", "Ikeda", "Ivanova", "Iyer", "Jablonski", "Jakobsen",
  "Janssen", "Jiménez", "Johansson", "Jovanović", "Kamara", "Kapoor",
  "Kaya", "Keane", "Khalil", "Khan", "Kim", "Kiplagat", "Kobayashi",
  "Kovács", "Kowalczyk", "Krämer", "Kumar", "Kuznetsov", "Lambert",
  "Larsen", "Laurent", "Lee", "Lindqvist", "Liu", "Lombardi", "López",
  "Lund", "MacDonald", "Mahlangu", "Majewski", "Maldonado", "Mansour",
  "Marković", "Martín", "Matsumoto", "McCarthy", "Mensah", "Mohammadi",
  "Molina", "Moreau", "Moreno", "Morgan", "Murphy", "Mwangi", "Nagy",
  "Nakamura", "Nascimento", "Ndlovu", "Nguyen", "Nielsen", "Nikolaidis",
  "Novák", "Nowak", "Nwosu", "Obi", "Ochieng", "Odhiambo", "Ogunleye",
  "Okafor", "Okonkwo", "Oliveira", "O'Neill", "Ortiz", "Osei", "Owusu",
  "Pappas", "Park", "Patel", "Pereira", "Petrović", "Pham", "Popescu",
  "Přibyl", "Quinn", "Quispe", "Rahman", "Ramírez", "Rao", "Reddy",
  "Rezaei", "Ribeiro", "Richter", "Rodríguez", "Romero", "Rossi", "Ruiz",
  "Saito", "Salazar", "Santos", "Sato", "Schäfer", "Schmidt", "Sharma",
  "Shevchenko", "Singh", "Sithole", "Šimunović", "Sokolova", "Suzuki",
  "Szabó", "Szymański", "Tan", "Tanaka", "Taylor", "Teixeira", "Thompson",
  "Tkachenko", "Tran", "Traoré", "Tremblay", "Tshabalala", "Uçar", "Ueda",
  "Van den Bossche", "van Dijk", "Vargas", "Vasquez", "Verhoeven",
  "Virtanen", "Vogel", "Volkov", "von Essen", "Vu", "Wagner", "Walsh",
  "Wang", "Watanabe", "Weber", "Wiśniewski", "Wójcik", "Wu", "Xu",
  "Yamamoto", "Yang", "Yıldız", "Yilmaz", "Yusuf", "Zając", "Zhang", "Zhou",
  "Zieliński", "Zimmermann", "Ní Mhaoláin", "Mac Giolla Phádraig",
  "dos Santos", "El Amrani", "Ben Youssef", "Ter Haar", "Le Roux",
  "St. Clair", "Lloyd-Jones", "Smith-Okafor", "Bianchi-Rossi",
  "Ferrer i Puig", "García Márquez", "Abu Bakr", "Al-Sayed", "Bello",
  "Adebayo", "Mbeki", "Nkosi", "Kuffour", "Tadesse", "Haile", "Girma",
  "Wanjiku", "Njoroge",
};

/* Assessor names; deliberately a separate pool from the client names. */
static const char * const staff_names[] = {
  "Helen Marsh", "Tobias Lindgren", "Nkechi Obiora", "Rosalind Pryce",
  "Arjun Mehta", "Marguerite Colin", "Declan Horan", "Ingeborg Solberg",
  "Kwabena Ofori", "Lucinda Hale", "Matías Fuentes", "Yara Saleh",
  "Graham Whitlock", "Ewa Piątek", "Sunil Varma", "Bernadette Kinsella",
  "Tomasz Rybak", "Claire Dupuis", "Hyun-woo Jang", "Olufemi Balogun",
  "Margit Halász", "Rebecca Stroud", "Khalid Nasr", "Annika Holm",
  "Desmond Achebe", "Paula Serrano", "Ruth Penhaligon", "Viktor Lazarov",
  "Naoko Hirata", "Sinéad Mulcahy", "Ravi Pillai", "Gwen Treharne",
  "Emil Kjær", "Folasade Ige", "Hugo Marchetti", "Tanvi Kulkarni",
  "Orla Gilmartin", "Jürgen Kessler", "Mariana Lobo", "Peter Ashworth",
  "Anderson Moura", "Fenella Grant",
};

const RcDemoPool rc_demo_given_names = POOL (given_names);
const RcDemoPool rc_demo_family_names = POOL (family_names);
const RcDemoPool rc_demo_staff_names = POOL (staff_names);

/* Goals, in the client's own voice, one array per factor. */

static const char * const goals_family[] = {
  "Call my mum once a week",
  "Rebuild trust with my eldest daughter",
  "Have regular, supervised contact with my children",
  "Go to a family gathering without feeling I have to leave early",
  "Talk honestly with my partner about what I need",
  "Get in touch with my brother after two years",
  "Attend family sessions with my parents at the service",
  "Set clear boundaries with relatives who still drink",
  "Be someone my kids can count on at weekends",
  "Cook Sunday dinner for my family once a month",
};

static const char * const goals_physical_health[] = {
  "Register with a GP near my new address",
  "Sleep at least seven hours most nights",
  "Walk for thirty minutes three times a week",
  "Book a dental check-up",
  "Eat a proper breakfast every day",
  "Get my liver function tested and follow up the results",
  "Take my medication as prescribed, every day",
  "Cut down to ten cigarettes a day",
  "Go swimming with a friend on Saturdays",
  "Keep my hepatitis C treatment appointments",
};

static const char * const goals_coping[] = {
  "Use my craving plan instead of going to the pub",
  "Practise breathing exercises when I feel panicky",
  "Write down three triggers and what I'll do instead",
  "Ring someone before making a risky decision",
  "Finish the anger management course",
  "Get through a bad day without using",
  "Keep a mood diary for the next month",
  "Learn to say no when old friends offer me something",
  "Plan my evenings so I'm not bored and alone",
  "Try mindfulness sessions at the recovery café",
};

static const char * const goals_spirituality[] = {
  "Spend some time outdoors every week",
  "Work out what really matters to me",
  "Go back to my place of worship",
  "Volunteer for something I believe in",
  "Start a short daily reflection or prayer",
  "Take up painting again",
  "Feel that my life has a direction",
  "Join a meditation group",
  "Make amends in a way that feels right to me",
  "Find a cause I care about and give it some time",
};

static const char * const goals_self_esteem[] = {
  "Stop putting myself down in front of others",
  "Notice one thing I did well each day",
  "Apply for a course I've always wanted to do",
  "Speak up at group meetings",
  "Buy some new clothes for interviews",
  "Believe I deserve a good life",
  "Accept a compliment without brushing it off",
  "Take better care of how I look and feel",
  "Share my story at a meeting when I'm ready",
  "Finish something I start",
};

static const char * const goals_finances[] = {
  "Make a weekly budget and stick to it",
  "Get help sorting out my rent arrears",
  "Open a bank account in my own name",
  "Apply for the benefits I'm entitled to",
  "Set up a repayment plan for my debts",
  "Save a little each week for emergencies",
  "Find part-time work within six months",
  "Stop using payday loans",
  "Pay my utility bills on time",
  "Get a debt adviser appointment this month",
};

static const char * const goals_support_groups[] = {
  "Go to a mutual-aid meeting twice a week",
  "Find a sponsor or mentor I trust",
  "Try a SMART Recovery meeting",
  "Join the peer walking group",
  "Keep going to the women's group",
  "Exchange numbers with two people from group",
  "Go to the recovery café on Fridays",
  "Train as a peer supporter",
  "Try an online meeting when I can't get out",
  "Stay connected to aftercare after discharge",
};

static const char * const goals_housing[] = {
  "Find a flat with a tenancy of at least a year",
  "Move out of the hostel into supported housing",
  "Get on the council housing list",
  "Keep my flat clean and tidy",
  "Sort out the damp problem with my landlord",
  "Find somewhere away from the area where I used",
  "Furnish my bedroom so it feels like home",
  "Keep up with my rent every month",
  "Have a safe place where my kids can stay over",
  "Move into a shared house with people in recovery",
};

/* Worker notes: short, neutral, and never naming anyone. */

static const char * const notes_family[] = {
  "Staying with sister for now; wants own place",
  "No contact with parents; says this feels safer at present",
  "Partner supportive but worried about relapse",
  "Children in kinship care; contact every other Saturday",
  "Reconnected with father recently; early days",
  "Family lives abroad; speaks to them by video call weekly",
  "Ex-partner still using; client keeping distance",
  "Grandmother is main source of practical help",
  "Considers close friends their family; strong bonds",
  "Family meeting planned for next month with consent",
};

static const char * const notes_physical_health[] = {
  "Not registered with a GP; referral made",
  "Reports poor sleep and low appetite",
  "Chronic back pain; on waiting list for physio",
  "Diabetes well controlled; attends clinic regularly",
  "Dental pain for several weeks; emergency slot offered",
  "Completed hepatitis C treatment last year",
  "Walking daily and noticing more energy",
  "Smokes about twenty a day; open to cessation support",
  "Recent hospital admission for chest infection",
  "Takes prescribed medication consistently",
};

static const char * const notes_coping[] = {
  "Identifies evenings as highest-risk time",
  "Using breathing exercises; finds them helpful",
  "Struggles to name feelings; prefers practical tasks",
  "Had a lapse last month and used it to update relapse plan",
  "Relies on keeping busy; at risk when routine breaks",
  "Finds it hard to ask for help until things escalate",
  "Completed anxiety management group",
  "Uses music and walking to manage cravings",
  "Recognises early warning signs and acts on them",
  "Stress at work is a current trigger",
};

static const char * const notes_spirituality[] = {
  "Describes feeling empty and without direction",
  "Finds meaning in caring for their dog",
  "Attends mosque on Fridays; finds it grounding",
  "Not religious; values honesty and fairness",
  "Interested in meditation but has not tried yet",
  "Gardening at the allotment gives a sense of purpose",
  "Returned to church choir after a long break",
  "Wants to give back through volunteering",
  "Draws strength from cultural traditions",
  "Unsure what matters to them at the moment",
};

static const char * const notes_self_esteem[] = {
  "Often describes self in negative terms",
  "Proud of completing detox; mentioned it several times",
  "Low confidence in group settings",
  "Feels ashamed about the past; working on this in counselling",
  "Took on a new responsibility at the café this month",
  "Compares self unfavourably with others",
  "More confident since starting college course",
  "Says they are starting to like who they are",
  "Avoids eye contact when talking about self",
  "Able to name several personal strengths",
};

static const char * const notes_finances[] = {
  "Benefits sanctioned; appeal in progress",
  "Rent arrears of several months; housing officer aware",
  "Working part-time; income covers basics",
  "Uses food bank occasionally",
  "Debt advice appointment booked",
  "Repayment plan agreed with creditors",
  "No bank account; relies on cash",
  "Managing money well; small savings started",
  "Lost job recently; claim being set up",
  "Appointee arrangement in place; client content with this",
};

static const char * const notes_support_groups[] = {
  "Attends mutual-aid meetings three times a week",
  "Tried one group; did not feel comfortable",
  "Prefers online meetings due to social anxiety",
  "Has a sponsor and calls them most days",
  "Volunteers at the recovery café on Tuesdays",
  "Not aware of local groups; information given",
  "Goes to a peer walking group most weeks",
  "Attends aftercare group; engagement steady",
  "Stopped attending after moving area; looking for new group",
  "Training to become a peer mentor",
};

static const char * const notes_housing[] = {
  "Sofa surfing; homelessness application submitted",
  "In hostel; waiting for supported housing place",
  "Own tenancy; flat in good condition",
  "Damp in flat affecting health; landlord contacted",
  "Lives in area with easy access to substances",
  "Shared house with others in recovery; settling in",
  "Private rental; tenancy ends in three months",
  "Living with parents; overcrowded but stable",
  "Recently moved; furnishing the flat with grant help",
  "Notice served by landlord; advice service involved",
};

/* Indexed in the instrument's factor order. */
const RcDemoPool rc_demo_goals[8] = {
  POOL (goals_family),
  POOL (goals_physical_health),
  POOL (goals_coping),
  POOL (goals_spirituality),
  POOL (goals_self_esteem),
  POOL (goals_finances),
  POOL (goals_support_groups),
  POOL (goals_housing),
};

const RcDemoPool rc_demo_notes[8] = {
  POOL (notes_family),
  POOL (notes_physical_health),
  POOL (notes_coping),
  POOL (notes_spirituality),
  POOL (notes_self_esteem),
  POOL (notes_finances),
  POOL (notes_support_groups),
  POOL (notes_housing),
};
