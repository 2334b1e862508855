"""Vocabularies for the demo network: names from many cultures, places, phone plans, organisations, topics.

Everything here is plain data. The lists are written by hand for the demo; the people they make up are
fictional. Family names given as a pair are (masculine, feminine) forms (Polish, Russian, Greek, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Culture:
    key: str
    weight: float
    given_m: tuple[str, ...]
    given_f: tuple[str, ...]
    family: tuple  # str, or (masculine, feminine)
    cities: tuple[tuple[str, str], ...]  # (city, ISO country code)
    family_first: bool = False  # display order "Nguyễn Thị Lan" rather than "Lan Nguyễn"
    two_surnames: float = 0.0  # share of people with two family names ("García López")
    middle: tuple[str, ...] = ()  # middle names ("Thị", "Văn") or empty
    patronymic: bool = False  # Russian middle name from the father's name
    native_given: dict = field(default_factory=dict)  # romanised -> native script
    native_family: dict = field(default_factory=dict)
    nicknames: dict = field(default_factory=dict)  # given -> short form


CULTURES: tuple[Culture, ...] = (
    Culture(
        "portuguese", 1.0,
        ("João", "José", "António", "Francisco", "Tiago", "Duarte", "Rui", "Nuno", "Gonçalo", "Miguel", "Bernardo",
         "Afonso", "Vasco", "Luís", "Pedro", "Diogo"),
        ("Maria", "Inês", "Beatriz", "Leonor", "Matilde", "Joana", "Catarina", "Mariana", "Sofia", "Rita",
         "Conceição", "Teresa", "Margarida", "Ana"),
        ("Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa", "Gonçalves",
         "Fernandes", "Lopes", "Marques", "Carvalho", "Magalhães", "Araújo", "Simões", "Brandão"),
        (("Lisbon", "PT"), ("Porto", "PT"), ("Braga", "PT"), ("Coimbra", "PT"), ("Faro", "PT")),
        two_surnames=0.35,
    ),
    Culture(
        "brazilian", 1.2,
        ("Lucas", "Gabriel", "Rafael", "Matheus", "Thiago", "Felipe", "Guilherme", "Vinícius", "João Pedro", "Caio",
         "Leonardo", "Rodrigo", "André", "Otávio"),
        ("Ana", "Juliana", "Camila", "Fernanda", "Larissa", "Letícia", "Bianca", "Gabriela", "Luíza", "Mariana",
         "Débora", "Patrícia", "Tatiane", "Lívia"),
        ("Silva", "Souza", "Lima", "Alves", "Ribeiro", "Barbosa", "Cardoso", "Nascimento", "Moreira", "Azevedo",
         "Teixeira", "Mendes", "Rocha", "Araújo", "Conceição", "Damasceno"),
        (("São Paulo", "BR"), ("Rio de Janeiro", "BR"), ("Belo Horizonte", "BR"), ("Florianópolis", "BR"),
         ("Recife", "BR"), ("Curitiba", "BR"), ("Porto Alegre", "BR")),
        two_surnames=0.3,
    ),
    Culture(
        "chinese", 1.4,
        ("Wei", "Jun", "Hao", "Ming", "Lei", "Jian", "Tao", "Yang", "Chen", "Bo", "Zhiwei", "Yu"),
        ("Mei", "Xiaoling", "Jing", "Li", "Yan", "Hui", "Fang", "Xin", "Ying", "Yue", "Qian", "Lan"),
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
         "Hu", "Guo", "Lin", "He"),
        (("Shanghai", "CN"), ("Beijing", "CN"), ("Shenzhen", "CN"), ("Hangzhou", "CN"), ("Chengdu", "CN"),
         ("Singapore", "SG"), ("Vancouver", "CA")),
        native_given={"Wei": "伟", "Jun": "军", "Hao": "浩", "Ming": "明", "Lei": "磊", "Mei": "梅", "Jing": "静",
                      "Li": "丽", "Yan": "燕", "Fang": "芳", "Xin": "欣", "Lan": "兰"},
        native_family={"Wang": "王", "Li": "李", "Zhang": "张", "Liu": "刘", "Chen": "陈", "Yang": "杨",
                       "Huang": "黄", "Zhao": "赵", "Wu": "吴", "Zhou": "周", "Lin": "林"},
    ),
    Culture(
        "indian", 1.6,
        ("Aarav", "Rohan", "Vikram", "Arjun", "Rahul", "Siddharth", "Karthik", "Anand", "Pranav", "Nikhil", "Suresh",
         "Ravi", "Aditya", "Harish", "Venkatesh", "Manish"),
        ("Priya", "Ananya", "Divya", "Kavya", "Sneha", "Pooja", "Lakshmi", "Aishwarya", "Meera", "Neha", "Shreya",
         "Deepika", "Ishita", "Radhika"),
        ("Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Singh", "Kumar", "Menon", "Rao", "Chatterjee",
         "Banerjee", "Desai", "Mehta", "Krishnan", "Joshi", "Agarwal", "Pillai"),
        (("Bengaluru", "IN"), ("Mumbai", "IN"), ("Pune", "IN"), ("Hyderabad", "IN"), ("Chennai", "IN"),
         ("New Delhi", "IN"), ("London", "GB"), ("San Jose", "US")),
        nicknames={"Siddharth": "Sid", "Venkatesh": "Venky", "Aishwarya": "Aish", "Karthik": "KK"},
    ),
    Culture(
        "nigerian", 1.0,
        ("Chinedu", "Oluwaseun", "Emeka", "Tunde", "Babajide", "Ikenna", "Obinna", "Segun", "Adebayo", "Uche",
         "Ifeanyi", "Kelechi", "Damilola", "Femi"),
        ("Ngozi", "Chiamaka", "Adaeze", "Folake", "Funmilayo", "Yetunde", "Amaka", "Temitope", "Nneka", "Chioma",
         "Bukola", "Ifeoma", "Zainab", "Titilayo"),
        ("Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Nwosu", "Adebayo", "Okeke", "Ogunleye", "Abubakar",
         "Olawale", "Onyekachi", "Bello", "Afolabi", "Nwachukwu", "Adeleke"),
        (("Lagos", "NG"), ("Abuja", "NG"), ("Port Harcourt", "NG"), ("Ibadan", "NG"), ("London", "GB"),
         ("Houston", "US")),
        nicknames={"Oluwaseun": "Seun", "Babajide": "Jide", "Funmilayo": "Funmi", "Oluwafemi": "Femi",
                   "Damilola": "Dami", "Temitope": "Tope"},
    ),
    Culture(
        "arabic", 1.1,
        ("Mohammed", "Ahmed", "Omar", "Youssef", "Khalid", "Hassan", "Karim", "Tariq", "Faisal", "Ali", "Samir",
         "Ibrahim", "Rami", "Ziad"),
        ("Fatima", "Aisha", "Layla", "Noor", "Mariam", "Yasmin", "Huda", "Salma", "Rania", "Dina", "Leila", "Hana",
         "Amira", "Reem"),
        ("Al-Sayed", "Haddad", "Khoury", "Mansour", "El-Amin", "Nasser", "Saleh", "Hamdan", "Aziz", "Farouk",
         "Al-Rashid", "Karam", "Suleiman", "Darwish", "Bitar", "Qasim"),
        (("Dubai", "AE"), ("Abu Dhabi", "AE"), ("Riyadh", "SA"), ("Amman", "JO"), ("Beirut", "LB"), ("Cairo", "EG"),
         ("Casablanca", "MA")),
        native_given={"Mohammed": "محمد", "Ahmed": "أحمد", "Omar": "عمر", "Fatima": "فاطمة", "Layla": "ليلى",
                      "Noor": "نور", "Youssef": "يوسف", "Mariam": "مريم"},
        native_family={"Haddad": "حداد", "Mansour": "منصور", "Nasser": "ناصر", "Saleh": "صالح", "Aziz": "عزيز"},
    ),
    Culture(
        "japanese", 1.0,
        ("Haruto", "Yuto", "Sota", "Ren", "Takumi", "Kenji", "Hiroshi", "Daisuke", "Kaito", "Shota", "Ryo", "Yuki"),
        ("Yui", "Aoi", "Sakura", "Hina", "Haruka", "Misaki", "Ayaka", "Yuko", "Emi", "Naoko", "Rin", "Mio"),
        ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato",
         "Yoshida", "Yamada", "Sasaki", "Matsumoto", "Inoue", "Kimura"),
        (("Tokyo", "JP"), ("Osaka", "JP"), ("Kyoto", "JP"), ("Fukuoka", "JP"), ("Yokohama", "JP"), ("Sapporo", "JP")),
        native_given={"Haruto": "陽翔", "Ren": "蓮", "Kenji": "健二", "Hiroshi": "博", "Yui": "結衣", "Sakura": "さくら",
                      "Haruka": "遥", "Yuko": "裕子", "Aoi": "葵", "Daisuke": "大輔"},
        native_family={"Sato": "佐藤", "Suzuki": "鈴木", "Takahashi": "高橋", "Tanaka": "田中", "Watanabe": "渡辺",
                       "Yamamoto": "山本", "Nakamura": "中村", "Yamada": "山田", "Kimura": "木村"},
    ),
    Culture(
        "korean", 0.9,
        ("Min-jun", "Seo-jun", "Ji-ho", "Hyun-woo", "Jae-won", "Dong-hyun", "Sung-min", "Tae-yang", "Joon-ho",
         "Woo-jin"),
        ("Seo-yeon", "Ji-woo", "Min-seo", "Ha-eun", "Su-bin", "Ye-jin", "Hye-jin", "Eun-ji", "Ji-eun", "Yoon-ah"),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Shin", "Seo", "Kwon"),
        (("Seoul", "KR"), ("Busan", "KR"), ("Incheon", "KR"), ("Daejeon", "KR"), ("Los Angeles", "US")),
        native_given={"Min-jun": "민준", "Seo-yeon": "서연", "Ji-ho": "지호", "Ji-woo": "지우", "Hyun-woo": "현우",
                      "Ha-eun": "하은"},
        native_family={"Kim": "김", "Lee": "이", "Park": "박", "Choi": "최", "Jung": "정", "Kang": "강"},
    ),
    Culture(
        "vietnamese", 0.8,
        ("Minh", "Huy", "Khoa", "Tuấn", "Dũng", "Quang", "Long", "Phúc", "Hoàng", "Bảo", "Đức", "Nam"),
        ("Lan", "Linh", "Hương", "Trang", "Thảo", "Ngọc", "Mai", "Vy", "Hà", "Phương", "Anh", "Thu"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"),
        (("Ho Chi Minh City", "VN"), ("Hanoi", "VN"), ("Da Nang", "VN"), ("Melbourne", "AU"), ("Paris", "FR")),
        family_first=True,
        middle=("Văn", "Thị", "Minh", "Đức", "Ngọc", "Quốc", "Thanh", "Hữu"),
    ),
    Culture(
        "polish", 0.9,
        ("Łukasz", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Marcin", "Jakub", "Grzegorz", "Wojciech",
         "Mateusz", "Bartłomiej", "Kamil", "Andrzej"),
        ("Agnieszka", "Katarzyna", "Małgorzata", "Joanna", "Magdalena", "Zofia", "Aleksandra", "Ewa", "Dorota",
         "Karolina", "Weronika", "Barbara", "Justyna"),
        (("Kowalski", "Kowalska"), ("Nowak", "Nowak"), ("Wiśniewski", "Wiśniewska"), ("Wójcik", "Wójcik"),
         ("Lewandowski", "Lewandowska"), ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"),
         ("Woźniak", "Woźniak"), ("Dąbrowski", "Dąbrowska"), ("Kozłowski", "Kozłowska"), ("Jankowski", "Jankowska"),
         ("Mazur", "Mazur"), ("Krawczyk", "Krawczyk"), ("Grabowski", "Grabowska")),
        (("Warsaw", "PL"), ("Kraków", "PL"), ("Wrocław", "PL"), ("Gdańsk", "PL"), ("Poznań", "PL"),
         ("Łódź", "PL"), ("Berlin", "DE")),
        nicknames={"Bartłomiej": "Bartek", "Małgorzata": "Gosia", "Aleksandra": "Ola", "Katarzyna": "Kasia",
                   "Krzysztof": "Krzysiek"},
    ),
    Culture(
        "russian", 0.9,
        ("Aleksandr", "Dmitry", "Sergey", "Andrey", "Alexey", "Mikhail", "Ivan", "Nikolai", "Pavel", "Vladimir",
         "Yuri", "Maxim", "Artyom", "Igor"),
        ("Anastasia", "Elena", "Olga", "Natalia", "Tatiana", "Irina", "Ekaterina", "Svetlana", "Maria", "Yulia",
         "Daria", "Ksenia", "Polina"),
        (("Ivanov", "Ivanova"), ("Smirnov", "Smirnova"), ("Kuznetsov", "Kuznetsova"), ("Popov", "Popova"),
         ("Sokolov", "Sokolova"), ("Lebedev", "Lebedeva"), ("Kozlov", "Kozlova"), ("Novikov", "Novikova"),
         ("Morozov", "Morozova"), ("Volkov", "Volkova"), ("Orlov", "Orlova"), ("Fyodorov", "Fyodorova"),
         ("Zaitsev", "Zaitseva"), ("Belyaev", "Belyaeva")),
        (("Moscow", "RU"), ("Saint Petersburg", "RU"), ("Novosibirsk", "RU"), ("Kazan", "RU"), ("Tbilisi", "GE"),
         ("Belgrade", "RS"), ("Limassol", "CY")),
        patronymic=True,
        native_given={"Dmitry": "Дмитрий", "Sergey": "Сергей", "Ivan": "Иван", "Olga": "Ольга", "Elena": "Елена",
                      "Anastasia": "Анастасия", "Mikhail": "Михаил", "Natalia": "Наталья"},
        native_family={"Ivanov": "Иванов", "Ivanova": "Иванова", "Smirnov": "Смирнов", "Smirnova": "Смирнова",
                       "Popov": "Попов", "Popova": "Попова", "Volkov": "Волков", "Volkova": "Волкова"},
        nicknames={"Aleksandr": "Sasha", "Dmitry": "Dima", "Mikhail": "Misha", "Ekaterina": "Katya",
                   "Anastasia": "Nastya", "Vladimir": "Volodya"},
    ),
    Culture(
        "mexican", 1.1,
        ("José Luis", "Juan Carlos", "Alejandro", "Diego", "Emiliano", "Santiago", "Rodrigo", "Fernando", "Arturo",
         "Ricardo", "Héctor", "Jesús", "Iván", "Joaquín"),
        ("María José", "Guadalupe", "Ximena", "Valeria", "Daniela", "Fernanda", "Sofía", "Regina", "Mónica",
         "Alejandra", "Paola", "Andrea", "Itzel"),
        ("García", "Hernández", "López", "Martínez", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez", "Cruz",
         "Flores", "Gómez", "Morales", "Vázquez", "Jiménez", "Reyes", "Núñez", "Ibáñez"),
        (("Mexico City", "MX"), ("Guadalajara", "MX"), ("Monterrey", "MX"), ("Puebla", "MX"), ("Oaxaca", "MX"),
         ("Austin", "US"), ("Madrid", "ES")),
        two_surnames=0.6,
        nicknames={"Guadalupe": "Lupita", "Alejandro": "Alex", "José Luis": "Pepe", "Fernando": "Fer"},
    ),
    Culture(
        "german", 1.2,
        ("Lukas", "Jonas", "Maximilian", "Felix", "Tobias", "Jürgen", "Matthias", "Stefan", "Florian", "Moritz",
         "Sebastian", "Björn", "Dieter", "Jörg"),
        ("Anna", "Lena", "Sophie", "Katharina", "Julia", "Jana", "Marie", "Hannah", "Lea", "Sabine", "Greta",
         "Annika", "Franziska", "Ulrike"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
         "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Krüger", "von Arnim"),
        (("Berlin", "DE"), ("Munich", "DE"), ("Hamburg", "DE"), ("Cologne", "DE"), ("Frankfurt", "DE"),
         ("Vienna", "AT"), ("Zürich", "CH"), ("Stuttgart", "DE")),
        nicknames={"Maximilian": "Max", "Katharina": "Kathi", "Franziska": "Franzi", "Sebastian": "Basti"},
    ),
    Culture(
        "nordic", 0.9,
        ("Erik", "Lars", "Anders", "Søren", "Magnus", "Oskar", "Johan", "Henrik", "Mikael", "Björn", "Nils", "Rasmus",
         "Åke", "Jens"),
        ("Astrid", "Ingrid", "Freja", "Saga", "Linnea", "Maja", "Elin", "Sigrid", "Karin", "Mette", "Ida", "Signe",
         "Åsa", "Liv"),
        ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Lindqvist", "Lindström",
         "Bergström", "Sjöberg", "Jensen", "Nielsen", "Hansen", "Sørensen", "Kristiansen", "Åberg", "Nordström"),
        (("Stockholm", "SE"), ("Gothenburg", "SE"), ("Malmö", "SE"), ("Copenhagen", "DK"), ("Aarhus", "DK"),
         ("Oslo", "NO"), ("Helsinki", "FI")),
    ),
    Culture(
        "irish", 0.9,
        ("Seán", "Ciarán", "Oisín", "Cian", "Darragh", "Liam", "Conor", "Eoin", "Pádraig", "Niall", "Declan",
         "Fionn", "Colm", "Ronan"),
        ("Aoife", "Siobhán", "Niamh", "Saoirse", "Caoimhe", "Orla", "Róisín", "Clodagh", "Sinéad", "Aisling",
         "Ciara", "Éabha", "Gráinne", "Maeve"),
        ("Murphy", "Kelly", "O'Sullivan", "Walsh", "O'Brien", "Byrne", "Ryan", "O'Connor", "O'Neill", "Doyle",
         "McCarthy", "Gallagher", "Ó Súilleabháin", "Fitzgerald", "Kavanagh", "MacNamara", "Quinn"),
        (("Dublin", "IE"), ("Cork", "IE"), ("Galway", "IE"), ("Limerick", "IE"), ("Belfast", "GB"), ("Boston", "US")),
    ),
    Culture(
        "turkish", 0.9,
        ("Mehmet", "Mustafa", "Emre", "Burak", "Can", "Oğuz", "Serkan", "Kerem", "Barış", "Onur", "Çağlar", "Hakan",
         "Volkan", "Yiğit"),
        ("Ayşe", "Elif", "Zeynep", "Merve", "Büşra", "Selin", "Defne", "Ebru", "Gülşen", "Özlem", "Şule", "Dilara",
         "İpek", "Nazlı"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir", "Arslan",
         "Doğan", "Kılıç", "Aslan", "Çetin", "Koç", "Kurt", "Erdoğan"),
        (("Istanbul", "TR"), ("Ankara", "TR"), ("İzmir", "TR"), ("Antalya", "TR"), ("Berlin", "DE"),
         ("Amsterdam", "NL")),
    ),
    Culture(
        "persian", 0.7,
        ("Ali", "Reza", "Amir", "Hossein", "Mehdi", "Arash", "Kian", "Dariush", "Babak", "Farhad", "Kaveh", "Navid",
         "Payam", "Siavash"),
        ("Maryam", "Zahra", "Shirin", "Parisa", "Niloufar", "Leila", "Sara", "Yasaman", "Mina", "Roya", "Azadeh",
         "Golnaz", "Setareh", "Ladan"),
        ("Hosseini", "Rezaei", "Mohammadi", "Ahmadi", "Karimi", "Moradi", "Jafari", "Rahimi", "Tehrani", "Sadeghi",
         "Ghorbani", "Farahani", "Shirazi", "Esfahani", "Kazemi", "Najafi"),
        (("Tehran", "IR"), ("Isfahan", "IR"), ("Shiraz", "IR"), ("Toronto", "CA"), ("Los Angeles", "US"),
         ("Hamburg", "DE")),
        native_given={"Maryam": "مریم", "Reza": "رضا", "Shirin": "شیرین", "Kaveh": "کاوه"},
        native_family={"Hosseini": "حسینی", "Tehrani": "تهرانی", "Karimi": "کریمی", "Shirazi": "شیرازی"},
    ),
    Culture(
        "ghanaian", 0.7,
        ("Kwame", "Kofi", "Kwabena", "Yaw", "Kwaku", "Kojo", "Kwesi", "Nana", "Ebo", "Fiifi", "Selorm",
         "Kwadwo"),
        ("Ama", "Akosua", "Abena", "Efua", "Adwoa", "Yaa", "Afua", "Esi", "Akua", "Araba", "Naa", "Dzifa"),
        ("Mensah", "Owusu", "Boateng", "Asante", "Osei", "Appiah", "Agyeman", "Amoah", "Ofori", "Darko", "Quaye",
         "Tetteh", "Acheampong", "Danso", "Ansah", "Frimpong"),
        (("Accra", "GH"), ("Kumasi", "GH"), ("Tamale", "GH"), ("Cape Coast", "GH"), ("London", "GB"),
         ("Toronto", "CA")),
    ),
    Culture(
        "greek", 0.7,
        ("Giorgos", "Dimitris", "Nikos", "Kostas", "Yannis", "Christos", "Panagiotis", "Vasilis", "Thanasis",
         "Stavros", "Alexandros", "Spyros"),
        ("Maria", "Eleni", "Katerina", "Sofia", "Ioanna", "Despina", "Georgia", "Vasiliki", "Angeliki", "Dimitra",
         "Chrysa", "Eirini"),
        (("Papadopoulos", "Papadopoulou"), ("Pappas", "Pappa"), ("Georgiou", "Georgiou"),
         ("Nikolaidis", "Nikolaidou"), ("Konstantinou", "Konstantinou"), ("Vlachos", "Vlachou"),
         ("Angelopoulos", "Angelopoulou"), ("Karagiannis", "Karagianni"), ("Oikonomou", "Oikonomou"),
         ("Dimitriou", "Dimitriou"), ("Makris", "Makri"), ("Alexiou", "Alexiou")),
        (("Athens", "GR"), ("Thessaloniki", "GR"), ("Patras", "GR"), ("Heraklion", "GR"), ("Nicosia", "CY"),
         ("Melbourne", "AU")),
        native_given={"Giorgos": "Γιώργος", "Eleni": "Ελένη", "Nikos": "Νίκος", "Maria": "Μαρία"},
        native_family={"Papadopoulos": "Παπαδόπουλος", "Papadopoulou": "Παπαδοπούλου", "Georgiou": "Γεωργίου"},
    ),
    Culture(
        "italian", 1.0,
        ("Marco", "Alessandro", "Lorenzo", "Matteo", "Francesco", "Giuseppe", "Luca", "Davide", "Niccolò",
         "Riccardo", "Andrea", "Stefano", "Gianluca", "Federico"),
        ("Giulia", "Chiara", "Francesca", "Sara", "Martina", "Alessia", "Elisa", "Valentina", "Federica", "Silvia",
         "Beatrice", "Ilaria", "Lucrezia", "Noemi"),
        ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
         "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Lombardi", "D'Angelo"),
        (("Milan", "IT"), ("Rome", "IT"), ("Turin", "IT"), ("Bologna", "IT"), ("Florence", "IT"), ("Naples", "IT"),
         ("London", "GB")),
    ),
    Culture(
        "french", 1.0,
        ("Antoine", "Théo", "Hugo", "Louis", "Julien", "Mathéo", "Clément", "Raphaël", "Benoît", "Jérôme",
         "Étienne", "Maxime", "Grégoire", "François"),
        ("Camille", "Chloé", "Léa", "Manon", "Inès", "Zoé", "Élodie", "Amélie", "Hélène", "Margaux", "Océane",
         "Céline", "Anaïs", "Héloïse"),
        ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
         "Lefèvre", "Girard", "Mercier", "Faure", "Lemaître", "Chevalier", "Fontaine", "Rousseau"),
        (("Paris", "FR"), ("Lyon", "FR"), ("Bordeaux", "FR"), ("Nantes", "FR"), ("Toulouse", "FR"),
         ("Montréal", "CA"), ("Brussels", "BE")),
        nicknames={"Mathéo": "Matt", "François": "Franck"},
    ),
    Culture(
        "anglo", 1.6,
        ("James", "Oliver", "William", "Benjamin", "Daniel", "Michael", "Christopher", "Matthew", "Samuel",
         "Thomas", "Jonathan", "Nathan", "Ethan", "Robert", "Alexander"),
        ("Emily", "Olivia", "Charlotte", "Amelia", "Jessica", "Hannah", "Rebecca", "Sarah", "Lucy", "Grace",
         "Elizabeth", "Katherine", "Abigail", "Megan", "Victoria"),
        ("Smith", "Johnson", "Williams", "Brown", "Jones", "Taylor", "Davies", "Evans", "Wilson", "Thompson",
         "Roberts", "Walker", "Wright", "Robinson", "Hughes", "Edwards", "Clarke", "Harrison", "Bennett", "Cooper"),
        (("London", "GB"), ("Manchester", "GB"), ("Edinburgh", "GB"), ("Bristol", "GB"), ("New York", "US"),
         ("San Francisco", "US"), ("Seattle", "US"), ("Chicago", "US"), ("Toronto", "CA"), ("Sydney", "AU")),
        nicknames={"Benjamin": "Ben", "Christopher": "Chris", "Matthew": "Matt", "Samuel": "Sam", "Thomas": "Tom",
                   "Jonathan": "Jon", "Robert": "Rob", "Alexander": "Alex", "Elizabeth": "Liz",
                   "Katherine": "Kate", "Abigail": "Abby", "Victoria": "Tori", "Rebecca": "Becky",
                   "Jessica": "Jess", "Michael": "Mike", "Daniel": "Dan"},
    ),
    Culture(
        "spanish", 0.8,
        ("Javier", "Pablo", "Álvaro", "Sergio", "Adrián", "Jorge", "Íñigo", "Mikel", "Carlos", "Rubén", "Ignacio",
         "Óscar"),
        ("Lucía", "Paula", "Marta", "Carmen", "Nerea", "Irene", "Elena", "Ainhoa", "Cristina", "Raquel", "Núria",
         "Begoña"),
        ("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
         "Martín", "Ruiz", "Díaz", "Muñoz", "Álvarez", "Romero", "Etxeberria", "Puig", "Castaño"),
        (("Madrid", "ES"), ("Barcelona", "ES"), ("Valencia", "ES"), ("Seville", "ES"), ("Bilbao", "ES"),
         ("Málaga", "ES")),
        two_surnames=0.7,
        nicknames={"Ignacio": "Nacho", "Javier": "Javi", "Cristina": "Cris"},
    ),
)

# Where people live when they moved for work, whatever their background.
HUB_CITIES: tuple[tuple[str, str], ...] = (
    ("London", "GB"), ("Berlin", "DE"), ("Amsterdam", "NL"), ("Lisbon", "PT"), ("New York", "US"),
    ("San Francisco", "US"), ("Singapore", "SG"), ("Dubai", "AE"), ("Toronto", "CA"), ("Paris", "FR"),
    ("Barcelona", "ES"), ("Dublin", "IE"), ("Zürich", "CH"), ("Stockholm", "SE"), ("Sydney", "AU"),
    ("Tokyo", "JP"), ("Bengaluru", "IN"), ("São Paulo", "BR"), ("Lagos", "NG"), ("Nairobi", "KE"),
)

COUNTRY_NAMES = {
    "PT": "Portugal", "BR": "Brazil", "CN": "China", "SG": "Singapore", "CA": "Canada", "IN": "India",
    "GB": "United Kingdom", "US": "United States", "NG": "Nigeria", "AE": "United Arab Emirates",
    "SA": "Saudi Arabia", "JO": "Jordan", "LB": "Lebanon", "EG": "Egypt", "MA": "Morocco", "JP": "Japan",
    "KR": "South Korea", "VN": "Vietnam", "AU": "Australia", "FR": "France", "PL": "Poland", "DE": "Germany",
    "RU": "Russia", "GE": "Georgia", "RS": "Serbia", "CY": "Cyprus", "MX": "Mexico", "ES": "Spain",
    "AT": "Austria", "CH": "Switzerland", "SE": "Sweden", "DK": "Denmark", "NO": "Norway", "FI": "Finland",
    "IE": "Ireland", "TR": "Turkey", "NL": "Netherlands", "IR": "Iran", "GH": "Ghana", "GR": "Greece",
    "IT": "Italy", "BE": "Belgium", "KE": "Kenya",
}

# Mobile numbering plans: (dial code, national pattern). "N" is a digit 2-9, "D" any digit; spaces and
# dashes are kept in the raw form as people write them; the E.164 form is "+" dial code and the digits.
PHONE_PLANS: dict[str, tuple[str, tuple[str, ...]]] = {
    "PT": ("351", ("91D DDD DDD", "93D DDD DDD", "96D DDD DDD", "92D DDD DDD")),
    "BR": ("55", ("11 9DDDD-DDDD", "21 9DDDD-DDDD", "31 9DDDD-DDDD", "48 9DDDD-DDDD", "81 9DDDD-DDDD")),
    "CN": ("86", ("138 DDDD DDDD", "139 DDDD DDDD", "186 DDDD DDDD", "151 DDDD DDDD")),
    "SG": ("65", ("9DDD DDDD", "8DDD DDDD")),
    "CA": ("1", ("(416) NDD-DDDD", "604-NDD-DDDD", "(514) NDD-DDDD")),
    "US": ("1", ("(415) NDD-DDDD", "212-NDD-DDDD", "(646) NDD-DDDD", "206 NDD DDDD", "(312) NDD-DDDD",
                 "617-NDD-DDDD", "512-NDD-DDDD")),
    "IN": ("91", ("98DDD DDDDD", "99DDD DDDDD", "97DDD DDDDD", "70DDD DDDDD")),
    "GB": ("44", ("7700 NDDDDD", "7911 DDDDDD", "7812 DDDDDD", "7403 DDDDDD", "20 7DDD DDDD")),
    "NG": ("234", ("803 DDD DDDD", "806 DDD DDDD", "813 DDD DDDD", "809 DDD DDDD")),
    "AE": ("971", ("50 DDD DDDD", "55 DDD DDDD", "52 DDD DDDD")),
    "SA": ("966", ("50 DDD DDDD", "55 DDD DDDD")),
    "JO": ("962", ("79 DDD DDDD", "77 DDD DDDD")),
    "LB": ("961", ("3 DDD DDD", "71 DDD DDD")),
    "EG": ("20", ("10 DDDD DDDD", "12 DDDD DDDD")),
    "MA": ("212", ("6DD-DDDDDD",)),
    "JP": ("81", ("90-DDDD-DDDD", "80-DDDD-DDDD", "70-DDDD-DDDD", "3-DDDD-DDDD")),
    "KR": ("82", ("10-DDDD-DDDD",)),
    "VN": ("84", ("91 DDD DD DD", "90 DDD DD DD", "98 DDD DD DD")),
    "AU": ("61", ("4DD DDD DDD",)),
    "FR": ("33", ("6 DD DD DD DD", "7 DD DD DD DD", "1 DD DD DD DD")),
    "PL": ("48", ("5DD DDD DDD", "6DD DDD DDD", "7DD DDD DDD")),
    "DE": ("49", ("151 DDDDDDDD", "160 DDDDDDD", "170 DDDDDDD", "176 DDDDDDDD", "30 DDDDDDDD")),
    "RU": ("7", ("9DD DDD-DD-DD",)),
    "GE": ("995", ("5DD DD DD DD",)),
    "RS": ("381", ("6D DDD DDDD",)),
    "CY": ("357", ("99 DDDDDD", "96 DDDDDD")),
    "MX": ("52", ("55 DDDD DDDD", "33 DDDD DDDD", "81 DDDD DDDD")),
    "ES": ("34", ("6DD DD DD DD", "6DD DDD DDD")),
    "AT": ("43", ("664 DDDDDDD", "676 DDDDDDD")),
    "CH": ("41", ("79 DDD DD DD", "78 DDD DD DD")),
    "SE": ("46", ("70-DDD DD DD", "73-DDD DD DD")),
    "DK": ("45", ("NDDD DDDD", "ND DD DD DD")),
    "NO": ("47", ("4DD DD DDD", "9DD DD DDD")),
    "FI": ("358", ("40 DDD DDDD", "50 DDD DDDD")),
    "IE": ("353", ("87 DDD DDDD", "86 DDD DDDD", "85 DDD DDDD")),
    "TR": ("90", ("532 DDD DD DD", "505 DDD DD DD", "542 DDD DD DD")),
    "NL": ("31", ("6 DDDD DDDD", "6-DDDDDDDD")),
    "IR": ("98", ("912 DDD DDDD", "935 DDD DDDD")),
    "GH": ("233", ("24 DDD DDDD", "20 DDD DDDD", "55 DDD DDDD")),
    "GR": ("30", ("69N DDD DDDD",)),
    "IT": ("39", ("3NN DDD DDDD", "3NN DDDDDDD")),
    "BE": ("32", ("47D DD DD DD", "49D DD DD DD")),
    "KE": ("254", ("7DD DDD DDD",)),
}

# Personal mail providers people in a country tend to use (weights by order: the first is the commonest).
MAIL_PROVIDERS: dict[str, tuple[str, ...]] = {
    "default": ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com", "fastmail.com"),
    "PT": ("gmail.com", "sapo.pt", "hotmail.com", "outlook.pt"),
    "BR": ("gmail.com", "hotmail.com", "uol.com.br", "bol.com.br", "outlook.com"),
    "CN": ("qq.com", "163.com", "gmail.com", "126.com"),
    "DE": ("gmail.com", "gmx.de", "web.de", "t-online.de", "posteo.de"),
    "AT": ("gmx.at", "gmail.com", "aon.at"),
    "CH": ("gmail.com", "bluewin.ch", "gmx.ch", "proton.me"),
    "RU": ("gmail.com", "yandex.ru", "mail.ru"),
    "JP": ("gmail.com", "yahoo.co.jp", "icloud.com", "docomo.ne.jp"),
    "KR": ("naver.com", "gmail.com", "daum.net", "kakao.com"),
    "FR": ("gmail.com", "orange.fr", "free.fr", "laposte.net", "hotmail.fr"),
    "IT": ("gmail.com", "libero.it", "hotmail.it", "virgilio.it"),
    "PL": ("gmail.com", "wp.pl", "onet.pl", "o2.pl", "interia.pl"),
    "IN": ("gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com"),
    "GB": ("gmail.com", "btinternet.com", "outlook.com", "icloud.com", "yahoo.co.uk"),
    "SE": ("gmail.com", "telia.com", "hotmail.se", "outlook.com"),
    "TR": ("gmail.com", "hotmail.com", "yandex.com.tr"),
    "MX": ("gmail.com", "hotmail.com", "outlook.com", "yahoo.com.mx"),
    "ES": ("gmail.com", "hotmail.es", "yahoo.es", "outlook.es"),
}

# Top-level domains by country, for made-up organisation domains.
COUNTRY_TLDS: dict[str, str] = {
    "PT": "pt", "BR": "com.br", "DE": "de", "FR": "fr", "IT": "it", "ES": "es", "GB": "co.uk", "JP": "co.jp",
    "IN": "in", "NG": "ng", "PL": "pl", "SE": "se", "IE": "ie", "NL": "nl", "MX": "mx", "TR": "com.tr",
    "AU": "com.au", "CA": "ca", "CH": "ch", "DK": "dk", "GH": "com.gh", "GR": "gr",
}

# Organisation names: made-up, built from two halves ("Bright" + "quay") and a kind of business.
ORG_FIRST = (
    "Bright", "North", "Blue", "Silver", "Iron", "Cedar", "Lumen", "Harbor", "Quartz", "Copper", "Maple", "Orbit",
    "Nimbus", "Atlas", "Beacon", "Kestrel", "Juniper", "Granite", "Saffron", "Tidal", "Verdant", "Solstice",
    "Ember", "Aurora", "Cobalt", "Meridian", "Paper", "Falcon", "Willow", "Summit", "Pioneer", "Coral", "Lantern",
    "Hollow", "Vanta", "Oak", "Fern", "Pixel", "Signal", "Arbor", "Crescent", "Delta", "Echo", "Fjord", "Helix",
    "Indigo", "Jade", "Kite", "Lark", "Mosaic", "Nova", "Onyx", "Prism", "Quill", "Ridge", "Sable", "Terra",
    "Umber", "Vela", "Wren", "Zephyr", "Amber", "Basalt", "Cinder", "Dune", "Ever", "Flint", "Grove", "Halo",
)
ORG_SECOND = (
    "stone", "field", "bridge", "works", "light", "path", "wave", "peak", "gate", "line", "forge", "bay", "mark",
    "point", "side", "leaf", "wind", "vale", "star", "brook", "mill", "crest", "haven", "loop", "shift", "spring",
    "stack", "grid", "port", "yard", "cast", "fold", "form", "hive", "labs", "mint",
)
ORG_BUSINESS = (
    "Analytics", "Health", "Robotics", "Payments", "Logistics", "Energy", "Software", "Bio", "Labs", "Systems",
    "Capital", "Ventures", "Studio", "Media", "Foods", "Mobility", "Security", "Insurance", "Learning", "AI",
    "Cloud", "Consulting", "Partners", "Games", "Materials", "Networks", "Pharma", "Retail", "Travel", "Design",
    "", "", "", "",
)
FIELDS = (
    "Data Science", "Product Management", "UX", "Python", "Rust", "Climate Tech", "Fintech", "Open Source",
    "Machine Learning", "Design Systems", "DevOps", "Health Tech", "Women in Tech", "Founders", "Security",
    "Robotics", "Venture", "Growth Marketing", "Engineering Leadership", "Frontend",
)
ASSOCIATION_FORMS = (
    "{country} {field} Association", "Society of {field} Professionals", "{city} {field} Guild",
    "{field} Alliance {country}", "International {field} Council",
)
COMMUNITY_FORMS = ("{city} {field} Meetup", "{field} {city}", "{city} {field} Collective", "{field} Circle {city}")
SCHOOL_FORMS = (
    "University of {city}", "{city} Institute of Technology", "{city} Business School", "{city} School of Design",
    "Technical University of {city}", "{city} School of Economics",
)

# Jobs: a function, its role nouns, and the expertise people in it tend to have.
FUNCTIONS: dict[str, dict] = {
    "engineering": {
        "weight": 26,
        "roles": ("Software Engineer", "Backend Engineer", "Frontend Engineer", "Site Reliability Engineer",
                  "Platform Engineer", "Mobile Engineer", "Data Engineer", "Security Engineer"),
        "head": "Engineering",
        "expertise": ("Python", "Kubernetes", "PostgreSQL", "Rust", "Go", "React", "TypeScript", "distributed systems",
                      "AWS", "security", "observability", "iOS", "Android", "data engineering", "Django"),
    },
    "data": {
        "weight": 9,
        "roles": ("Data Scientist", "Machine Learning Engineer", "Data Analyst", "Research Scientist",
                  "Analytics Engineer"),
        "head": "Data",
        "expertise": ("machine learning", "statistics", "NLP", "computer vision", "causal inference", "SQL",
                      "forecasting", "LLMs", "experimentation"),
    },
    "product": {
        "weight": 9,
        "roles": ("Product Manager", "Product Owner", "Technical Product Manager", "Growth Product Manager"),
        "head": "Product",
        "expertise": ("product strategy", "user research", "pricing", "roadmapping", "B2B SaaS", "marketplaces",
                      "experimentation"),
    },
    "design": {
        "weight": 7,
        "roles": ("Product Designer", "UX Researcher", "UX Designer", "Brand Designer", "Content Designer"),
        "head": "Design",
        "expertise": ("design systems", "user research", "accessibility", "brand design", "illustration",
                      "service design", "Figma"),
    },
    "sales": {
        "weight": 10,
        "roles": ("Account Executive", "Sales Manager", "Solutions Engineer", "Business Development Manager",
                  "Customer Success Manager"),
        "head": "Sales",
        "expertise": ("B2B sales", "enterprise sales", "partnerships", "negotiation", "customer success",
                      "sales operations"),
    },
    "marketing": {
        "weight": 8,
        "roles": ("Marketing Manager", "Growth Marketer", "Content Strategist", "Community Manager",
                  "Product Marketing Manager"),
        "head": "Marketing",
        "expertise": ("growth marketing", "SEO", "content strategy", "community building", "brand strategy",
                      "public relations", "developer relations"),
    },
    "finance": {
        "weight": 6,
        "roles": ("Financial Analyst", "Controller", "Finance Manager", "Investment Associate", "Accountant"),
        "head": "Finance",
        "expertise": ("fundraising", "financial modelling", "venture capital", "tax", "M&A", "accounting"),
    },
    "people": {
        "weight": 5,
        "roles": ("Recruiter", "Talent Partner", "People Partner", "HR Business Partner"),
        "head": "People",
        "expertise": ("hiring", "employer branding", "compensation", "coaching", "organisational design"),
    },
    "operations": {
        "weight": 6,
        "roles": ("Operations Manager", "Program Manager", "Supply Chain Analyst", "Project Manager"),
        "head": "Operations",
        "expertise": ("supply chain", "logistics", "program management", "procurement", "lean"),
    },
    "legal": {
        "weight": 3,
        "roles": ("Legal Counsel", "Privacy Counsel", "Paralegal", "Compliance Officer"),
        "head": "Legal",
        "expertise": ("GDPR", "contract law", "employment law", "intellectual property", "compliance"),
    },
    "research": {
        "weight": 5,
        "roles": ("Postdoctoral Researcher", "Research Fellow", "Lecturer", "Associate Professor", "Professor"),
        "head": "Research",
        "expertise": ("network science", "bioinformatics", "public policy", "economics", "climate science",
                      "human-computer interaction", "epidemiology"),
    },
    "founder": {
        "weight": 6,
        "roles": ("Founder", "Co-founder & CTO", "Founder & CEO", "Co-founder", "Managing Partner"),
        "head": "",
        "expertise": ("fundraising", "hiring", "go-to-market", "product strategy", "venture capital",
                      "public speaking"),
    },
}
SENIORITY = ("Junior {role}", "{role}", "Senior {role}", "Lead {role}", "Head of {head}", "Director of {head}",
             "VP of {head}")
COMMUNITY_ROLES = ("Member", "Organiser", "Board Member", "Volunteer", "Treasurer", "Mentor", "Speaker")

TAGS = (
    "former colleague", "investor", "founder", "recruiter", "client", "university friend", "conference speaker",
    "neighbour", "hiring manager", "angel investor", "journalist", "podcast guest", "open source maintainer",
    "board member", "alumni", "potential cofounder", "advisor", "supplier", "partner", "family friend",
    "book club", "climbing buddy", "ex-manager", "referral", "VIP",
)
INTERESTS = (
    "climbing", "jazz", "sourdough", "chess", "running", "photography", "science fiction", "birdwatching",
    "football", "cycling", "yoga", "natural wine", "board games", "Formula 1", "poetry", "surfing", "cooking",
    "gardening", "hiking", "tennis", "podcasts", "vinyl records", "travel", "specialty coffee", "sailing",
    "skiing", "volunteering", "theatre", "anime", "woodworking", "languages", "history", "architecture",
    "basketball", "meditation", "crossfit", "kayaking", "astronomy", "fado", "K-pop", "cricket", "calligraphy",
)

TOPICS = (
    "the Series A", "hiring a staff engineer", "moving to Berlin", "their PhD thesis", "pricing strategy",
    "a side project in Rust", "the conference talk", "open-source licensing", "parental leave",
    "a career change into product", "their podcast", "a board seat", "the reorg", "remote work",
    "a new job offer", "angel investing", "the product launch", "burnout", "learning Japanese",
    "the marathon training", "an intro to their CTO", "a speaking slot", "the book they are writing",
    "GDPR questions", "a consulting gig", "the accelerator application", "team offsites", "salary bands",
    "the migration to Kubernetes", "LLM evaluation", "the climate fund", "design critiques",
    "a mentoring programme", "their sabbatical", "the house move", "visa paperwork", "a grant proposal",
    "the hackathon", "customer interviews", "a partnership", "the due diligence", "their newsletter",
    "on-call rotations", "the wedding", "the new baby", "a co-working space", "the quarterly plan",
)
PLACES = (
    "the café near their office", "the conference venue", "the co-working space", "their office", "the park",
    "the train station", "a ramen place", "the book shop café", "the rooftop bar", "the farmers' market",
)
MILESTONES = (
    "the new job", "the promotion", "the launch", "the funding round", "the paper acceptance", "the new baby",
    "the wedding", "the award", "the book deal", "finishing the marathon", "the new flat",
)
EVENT_FORMS = (
    "{city} {field} Summit {year}", "{field} Meetup {city} #{n}", "{field}Conf {year}", "{city} Tech Week {year}",
    "{field} Day {city} {year}", "{org} Annual Gathering {year}", "{field} Breakfast {city}",
    "Founders Dinner {city}", "{field} Unconference {year}",
)
PRONOUNS_F = ("she/her", "she/her", "she/her", "she/they")
PRONOUNS_M = ("he/him", "he/him", "he/him", "he/they")

# Russian middle names from the father's given name: (masculine, feminine).
PATRONYMICS = (
    ("Sergeyevich", "Sergeyevna"), ("Ivanovich", "Ivanovna"), ("Aleksandrovich", "Aleksandrovna"),
    ("Mikhailovich", "Mikhailovna"), ("Nikolayevich", "Nikolayevna"), ("Vladimirovich", "Vladimirovna"),
    ("Pavlovich", "Pavlovna"), ("Andreyevich", "Andreyevna"), ("Yuryevich", "Yuryevna"), ("Igorevich", "Igorevna"),
    ("Dmitrievich", "Dmitrievna"), ("Olegovich", "Olegovna"),
)
VIETNAMESE_MIDDLE_M = ("Văn", "Đức", "Quốc", "Hữu", "Minh", "Thanh")
VIETNAMESE_MIDDLE_F = ("Thị", "Ngọc", "Thanh", "Minh", "Thu", "Kim")

MET_HOW = (
    "Worked together at {past_org}.", "Met at a {field} meetup in {city}.", "University friends from {city}.",
    "Friend of a friend; we met at a birthday party in {city}.", "Reached out on LinkedIn about {topic}.",
    "Neighbours in {city} for a couple of years.", "Sat next to each other on a flight to {city}.",
    "Same five-a-side football team.", "Met through the {community} community.",
    "Conference dinner in {city}; talked about {topic} until midnight.", "Our kids go to the same school.",
    "Cold email about {topic} that turned into a long coffee.", "Both volunteered at a {field} workshop.",
)
PERSON_NOTES = (
    "Loves {interest}. Ask about {topic}.", "Two kids. Vegetarian. Prefers WhatsApp over email.",
    "Very generous with intros; knows everyone in {expertise}.", "Thinking about moving to {city}.",
    "Helped me a lot with {topic}; I owe them one.", "Prefers mornings; don't call after 6pm.",
    "Wants to move into {expertise}; keep an eye out for roles.", "Big {interest} fan. Birthday dinner tradition.",
    "Writes a newsletter on {expertise}. Worth reading.", "Looking for a co-founder with a {expertise} background.",
    "Allergic to nuts. Drinks tea, not coffee.", "Was my manager for two years; still my go-to for advice.",
)
INTERACTION_NOTES = (
    "Follow up in a month.", "Promised to send the deck.", "Wants an intro to someone in {expertise}.",
    "They are hiring: two roles in {expertise}.", "Good energy; suggested we meet again in {city}.",
    "Asked about my plans for next year.", "Recommended a book on {expertise}.",
    "Owes me a reply about {topic}.", "Send them the article on {topic}.",
    "Kids are fine; new flat is great.", "Mentioned they might leave their job in the spring.",
)
